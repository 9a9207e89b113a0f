// Where a pod may run: affinity, tolerations, spread constraints, and other placement fields.
import { z } from 'zod';
import { int32, int64, labelSelector, atomicList, mapList } from '../../../schemas/meta';
import { coreId, opt } from '../common/util';
import { nodeSelector, nodeSelectorTerm } from '../common/refs';

export const preferredSchedulingTerm = z
  .strictObject({
    weight: int32().meta({ description: 'Weight 1-100 added to a node score when the term matches.' }),
    preference: nodeSelectorTerm,
  })
  .meta({ id: coreId('PreferredSchedulingTerm'), description: 'A weighted node preference.' });

export const nodeAffinity = z
  .strictObject({
    requiredDuringSchedulingIgnoredDuringExecution: opt(nodeSelector, 'Nodes the pod must be scheduled onto.'),
    preferredDuringSchedulingIgnoredDuringExecution: opt(atomicList(preferredSchedulingTerm), 'Nodes the scheduler prefers.'),
  })
  .meta({ id: coreId('NodeAffinity'), description: 'Node affinity rules of a pod.' });

export const podAffinityTerm = z
  .strictObject({
    labelSelector: opt(labelSelector, 'Pods to be co-located (or not) with.'),
    namespaces: opt(atomicList(z.string()), 'Namespaces the selector applies to.'),
    topologyKey: z.string().meta({ description: 'Node label whose value defines a topology domain.' }),
    namespaceSelector: opt(labelSelector, 'Namespaces (by label) the selector applies to.'),
    matchLabelKeys: opt(atomicList(z.string()), 'Incoming pod label keys added to the selector with In.'),
    mismatchLabelKeys: opt(atomicList(z.string()), 'Incoming pod label keys added to the selector with NotIn.'),
  })
  .meta({ id: coreId('PodAffinityTerm'), description: 'A set of pods and the topology domain to match them in.' });

export const weightedPodAffinityTerm = z
  .strictObject({ weight: int32().meta({ description: 'Weight 1-100.' }), podAffinityTerm })
  .meta({ id: coreId('WeightedPodAffinityTerm'), description: 'A weighted pod affinity term.' });

const podAffinityShape = {
  requiredDuringSchedulingIgnoredDuringExecution: opt(atomicList(podAffinityTerm), 'Hard requirements.'),
  preferredDuringSchedulingIgnoredDuringExecution: opt(atomicList(weightedPodAffinityTerm), 'Soft preferences.'),
};

export const podAffinity = z
  .strictObject(podAffinityShape)
  .meta({ id: coreId('PodAffinity'), description: 'Rules to place the pod near other pods.' });
export const podAntiAffinity = z
  .strictObject(podAffinityShape)
  .meta({ id: coreId('PodAntiAffinity'), description: 'Rules to keep the pod away from other pods.' });

export const affinity = z
  .strictObject({ nodeAffinity: opt(nodeAffinity), podAffinity: opt(podAffinity), podAntiAffinity: opt(podAntiAffinity) })
  .meta({ id: coreId('Affinity'), description: 'Scheduling constraints of a pod.' });

export const toleration = z
  .strictObject({
    key: opt(z.string(), 'Taint key; empty with Exists matches every taint.'),
    operator: opt(z.string(), 'Exists or Equal; defaults to Equal.'),
    value: opt(z.string(), 'Taint value to match with Equal.'),
    effect: opt(z.string(), 'NoSchedule, PreferNoSchedule or NoExecute; empty matches all.'),
    tolerationSeconds: opt(int64(), 'How long a NoExecute taint is tolerated before eviction.'),
  })
  .meta({ id: coreId('Toleration'), description: 'Allows the pod onto nodes with a matching taint.' });

export const topologySpreadConstraint = z
  .strictObject({
    maxSkew: int32().meta({ description: 'Maximum allowed difference in matching pods between domains.' }),
    topologyKey: z.string().meta({ description: 'Node label that defines the domains.' }),
    whenUnsatisfiable: z.string().meta({ description: 'DoNotSchedule or ScheduleAnyway.' }),
    labelSelector: opt(labelSelector),
    minDomains: opt(int32(), 'Minimum number of eligible domains.'),
    nodeAffinityPolicy: opt(z.string(), 'Honor or Ignore.'),
    nodeTaintsPolicy: opt(z.string(), 'Honor or Ignore.'),
    matchLabelKeys: opt(atomicList(z.string())),
  })
  .meta({ id: coreId('TopologySpreadConstraint'), description: 'How to spread matching pods across topology domains.' });

export const hostAlias = z
  .strictObject({ ip: z.string().meta({ description: 'IP address of the entries.' }), hostnames: opt(atomicList(z.string())) })
  .meta({ id: coreId('HostAlias'), description: "An /etc/hosts entry added to the pod's hosts file." });

export const podDNSConfig = z
  .strictObject({
    nameservers: opt(atomicList(z.string()), 'Extra DNS server IPs.'),
    searches: opt(atomicList(z.string()), 'Extra search domains.'),
    options: opt(
      atomicList(
        z.strictObject({ name: opt(z.string()), value: opt(z.string()) }).meta({ id: coreId('PodDNSConfigOption'), description: 'A resolver option.' }),
      ),
    ),
  })
  .meta({ id: coreId('PodDNSConfig'), description: 'DNS settings merged into those produced by dnsPolicy.' });

export const podOS = z
  .strictObject({ name: z.string().meta({ description: 'linux or windows.' }) })
  .meta({ id: coreId('PodOS'), description: 'The operating system the pod needs.' });

export const podReadinessGate = z
  .strictObject({ conditionType: z.string().meta({ description: 'Pod condition type that must be True.' }) })
  .meta({ id: coreId('PodReadinessGate'), description: 'An extra condition evaluated for pod readiness.' });

export const podResourceClaim = z
  .strictObject({
    name: z.string().meta({ description: 'Name of the claim within the pod.' }),
    resourceClaimName: opt(z.string()),
    resourceClaimTemplateName: opt(z.string()),
  })
  .meta({ id: coreId('PodResourceClaim'), description: 'A dynamic resource claim used by the pod.' });

export const podSchedulingGate = z
  .strictObject({ name: z.string().meta({ description: 'Gate name.' }) })
  .meta({ id: coreId('PodSchedulingGate'), description: 'Holds the pod back from scheduling while present.' });

export const schedulingLists = {
  tolerations: opt(atomicList(toleration), 'Taints the pod tolerates.'),
  topologySpreadConstraints: opt(
    mapList(topologySpreadConstraint, 'topologyKey', { mapKeys: ['topologyKey', 'whenUnsatisfiable'] }),
    'How pods are spread across domains.',
  ),
  hostAliases: opt(mapList(hostAlias, 'ip'), 'Extra /etc/hosts entries.'),
  readinessGates: opt(atomicList(podReadinessGate)),
  resourceClaims: opt(mapList(podResourceClaim, 'name')),
  schedulingGates: opt(mapList(podSchedulingGate, 'name')),
};
