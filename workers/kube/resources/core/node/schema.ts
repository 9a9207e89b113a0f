// Node schema: a worker machine as registered by its kubelet.
import { z } from 'zod';
import { int32, int64, kobject, time, atomicList, mapList } from '../../../schemas/meta';
import { coreId, opt } from '../common/util';
import { resourceList } from '../common/refs';

export const taint = z
  .strictObject({
    key: z.string().meta({ description: 'Taint key.' }),
    value: opt(z.string(), 'Taint value.'),
    effect: z.string().meta({ description: 'NoSchedule, PreferNoSchedule or NoExecute.' }),
    timeAdded: opt(time(), 'When a NoExecute taint was added.'),
  })
  .meta({ id: coreId('Taint'), description: 'Repels pods that do not tolerate it from a node.' });

const configMapNodeConfigSource = z
  .strictObject({
    namespace: z.string(),
    name: z.string(),
    uid: opt(z.string()),
    resourceVersion: opt(z.string()),
    kubeletConfigKey: z.string(),
  })
  .meta({ id: coreId('ConfigMapNodeConfigSource'), description: 'A ConfigMap used as node configuration (deprecated).' });

const nodeConfigSource = z
  .strictObject({ configMap: opt(configMapNodeConfigSource) })
  .meta({ id: coreId('NodeConfigSource'), description: 'A source of node configuration (deprecated).' });

export const nodeSpec = z
  .strictObject({
    podCIDR: opt(z.string(), 'Pod IP range assigned to the node.'),
    podCIDRs: opt(z.array(z.string()).meta({ 'x-kubernetes-list-type': 'set', 'x-kubernetes-patch-strategy': 'merge' }), 'Pod IP ranges, one per family.'),
    providerID: opt(z.string(), 'Cloud provider ID of the node.'),
    unschedulable: opt(z.boolean(), 'Prevents new pods from being scheduled on the node (cordon).'),
    taints: opt(atomicList(taint), 'Taints of the node.'),
    configSource: opt(nodeConfigSource),
    externalID: opt(z.string(), 'Deprecated.'),
  })
  .meta({ id: coreId('NodeSpec'), description: 'The configuration of a node.' });

const nodeAddress = z
  .strictObject({ type: z.string().meta({ description: 'Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.' }), address: z.string() })
  .meta({ id: coreId('NodeAddress'), description: 'An address of a node.' });

const nodeCondition = z
  .strictObject({
    type: z.string().meta({ description: 'Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable, ...' }),
    status: z.string(),
    lastHeartbeatTime: opt(time()),
    lastTransitionTime: opt(time()),
    reason: opt(z.string()),
    message: opt(z.string()),
  })
  .meta({ id: coreId('NodeCondition'), description: 'One observed aspect of a node.' });

const nodeSystemInfo = z
  .strictObject({
    machineID: z.string(),
    systemUUID: z.string(),
    bootID: z.string(),
    kernelVersion: z.string(),
    osImage: z.string(),
    containerRuntimeVersion: z.string(),
    kubeletVersion: z.string(),
    kubeProxyVersion: z.string(),
    operatingSystem: z.string(),
    architecture: z.string(),
    swap: opt(z.strictObject({ capacity: opt(int64()) }).meta({ id: coreId('NodeSwapStatus'), description: 'Swap memory of a node.' })),
  })
  .meta({ id: coreId('NodeSystemInfo'), description: 'Identifying facts about a node.' });

const nodeRuntimeHandler = z
  .strictObject({
    name: opt(z.string()),
    features: opt(
      z
        .strictObject({ recursiveReadOnlyMounts: opt(z.boolean()), userNamespaces: opt(z.boolean()) })
        .meta({ id: coreId('NodeRuntimeHandlerFeatures'), description: 'Features a runtime handler supports.' }),
    ),
  })
  .meta({ id: coreId('NodeRuntimeHandler'), description: 'A container runtime handler available on the node.' });

const daemonEndpoint = z.strictObject({ Port: int32() }).meta({ id: coreId('DaemonEndpoint'), description: 'Port of a daemon on the node.' });

export const nodeStatus = z
  .strictObject({
    capacity: opt(resourceList(), 'Total resources of the node.'),
    allocatable: opt(resourceList(), 'Resources available to pods; defaults to capacity.'),
    phase: opt(z.string(), 'Deprecated.'),
    conditions: opt(mapList(nodeCondition, 'type'), 'Current conditions of the node.'),
    addresses: opt(mapList(nodeAddress, 'type'), 'Addresses of the node.'),
    daemonEndpoints: opt(
      z.strictObject({ kubeletEndpoint: opt(daemonEndpoint) }).meta({ id: coreId('NodeDaemonEndpoints'), description: 'Ports of daemons on the node.' }),
    ),
    nodeInfo: opt(nodeSystemInfo),
    images: opt(
      atomicList(
        z
          .strictObject({ names: opt(atomicList(z.string())), sizeBytes: opt(int64()) })
          .meta({ id: coreId('ContainerImage'), description: 'An image present on the node.' }),
      ),
    ),
    volumesInUse: opt(atomicList(z.string())),
    volumesAttached: opt(
      atomicList(z.strictObject({ name: z.string(), devicePath: z.string() }).meta({ id: coreId('AttachedVolume'), description: 'A volume attached to the node.' })),
    ),
    config: opt(
      z
        .strictObject({ assigned: opt(nodeConfigSource), active: opt(nodeConfigSource), lastKnownGood: opt(nodeConfigSource), error: opt(z.string()) })
        .meta({ id: coreId('NodeConfigStatus'), description: 'Node configuration status (deprecated).' }),
    ),
    runtimeHandlers: opt(atomicList(nodeRuntimeHandler)),
    features: opt(
      z.strictObject({ supplementalGroupsPolicy: opt(z.boolean()) }).meta({ id: coreId('NodeFeatures'), description: 'Features the node supports.' }),
    ),
  })
  .meta({ id: coreId('NodeStatus'), description: 'The observed state of a node.' });

export const node = kobject(coreId('Node'), 'A worker machine that runs pods.', {
  spec: opt(nodeSpec, 'Configuration of the node.'),
  status: opt(nodeStatus, 'Most recently observed state of the node.'),
});

export type NodeSpec = z.infer<typeof nodeSpec>;
export type NodeStatus = z.infer<typeof nodeStatus>;
