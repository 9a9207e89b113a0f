// PodSpec and PodTemplateSpec: the public face used by Pod and by workload kinds (apps, batch).
import { z } from 'zod';
import { int32, int64, objectMeta, mapList, stringMap } from '../../../schemas/meta';
import { coreId, opt } from '../common/util';
import { localObjectReference, resourceList } from '../common/refs';
import { container, ephemeralContainer, resourceRequirements } from './container';
import { podSecurityContext } from './security';
import { affinity, podDNSConfig, podOS, schedulingLists } from './scheduling';
import { volume } from './volume';

export { container, ephemeralContainer } from './container';
export type { Container } from './container';
export { volume } from './volume';
export { defaultPodSpec, defaultContainer } from './defaults';
export { validatePodSpec } from './validate';

export const podSpec = z
  .strictObject({
    volumes: opt(mapList(volume, 'name'), 'Volumes that containers of the pod can mount.'),
    initContainers: opt(mapList(container, 'name'), 'Containers run to completion, in order, before the app containers start.'),
    containers: mapList(container, 'name', { description: 'The application containers of the pod; at least one.' }),
    ephemeralContainers: opt(mapList(ephemeralContainer, 'name'), 'Debugging containers added to a running pod.'),
    restartPolicy: opt(z.string(), 'Always, OnFailure or Never; defaults to Always.'),
    terminationGracePeriodSeconds: opt(int64(), 'Seconds the pod gets to stop gracefully; defaults to 30.'),
    activeDeadlineSeconds: opt(int64(), 'Seconds the pod may be active before the system fails it.'),
    dnsPolicy: opt(z.string(), 'ClusterFirst, ClusterFirstWithHostNet, Default or None.'),
    nodeSelector: opt(stringMap().meta({ 'x-kubernetes-map-type': 'atomic' }), 'Labels a node must have to run the pod.'),
    serviceAccountName: opt(z.string(), 'ServiceAccount the pod runs as.'),
    serviceAccount: opt(z.string(), 'Deprecated alias of serviceAccountName.'),
    automountServiceAccountToken: opt(z.boolean(), 'Whether a service account token is mounted automatically.'),
    nodeName: opt(z.string(), 'Node the pod is bound to; set by the scheduler.'),
    hostNetwork: opt(z.boolean(), "Use the host's network namespace."),
    hostPID: opt(z.boolean(), "Use the host's PID namespace."),
    hostIPC: opt(z.boolean(), "Use the host's IPC namespace."),
    shareProcessNamespace: opt(z.boolean(), 'Share one PID namespace between all containers.'),
    securityContext: opt(podSecurityContext, 'Pod-level security attributes.'),
    imagePullSecrets: opt(mapList(localObjectReference, 'name'), 'Secrets used to pull images.'),
    hostname: opt(z.string(), 'Host name of the pod; defaults to the pod name.'),
    subdomain: opt(z.string(), 'Subdomain giving the pod a FQDN under a headless service.'),
    affinity: opt(affinity),
    schedulerName: opt(z.string(), 'Scheduler that places the pod; defaults to default-scheduler.'),
    priorityClassName: opt(z.string(), 'PriorityClass of the pod.'),
    priority: opt(int32(), 'Priority value, filled from priorityClassName.'),
    dnsConfig: opt(podDNSConfig),
    runtimeClassName: opt(z.string(), 'RuntimeClass used to run the pod.'),
    enableServiceLinks: opt(z.boolean(), 'Inject service environment variables; defaults to true.'),
    preemptionPolicy: opt(z.string(), 'PreemptLowerPriority or Never.'),
    overhead: opt(resourceList(), 'Resource overhead of the pod sandbox.'),
    setHostnameAsFQDN: opt(z.boolean(), 'Use the FQDN as the host name.'),
    os: opt(podOS),
    hostUsers: opt(z.boolean(), 'Use the host user namespace; false enables user namespaces.'),
    hostnameOverride: opt(z.string(), 'Explicit host name for the pod.'),
    resources: opt(resourceRequirements, 'Pod-level resource requests and limits.'),
    ...schedulingLists,
  })
  .meta({ id: coreId('PodSpec'), description: 'The desired state of a pod: its containers, volumes and placement.' });

export const podTemplateSpec = z
  .strictObject({
    metadata: opt(objectMeta, 'Metadata given to pods created from this template.'),
    spec: opt(podSpec, 'Spec of pods created from this template.'),
  })
  .meta({ id: coreId('PodTemplateSpec'), description: 'A template for pods created by a controller.' });

export type PodSpec = z.infer<typeof podSpec>;
export type PodTemplateSpec = z.infer<typeof podTemplateSpec>;

