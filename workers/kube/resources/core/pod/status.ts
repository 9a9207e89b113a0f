// PodStatus: written by the kubelet and the scheduler, read by everyone.
import { z } from 'zod';
import { int32, int64, time, atomicList, mapList } from '../../../schemas/meta';
import { coreId, opt } from '../common/util';
import { resourceList } from '../common/refs';
import { resourceRequirements } from './container';

export const podCondition = z
  .strictObject({
    type: z.string().meta({ description: 'PodScheduled, Initialized, ContainersReady, Ready, ...' }),
    observedGeneration: opt(int64()),
    status: z.string().meta({ description: 'True, False or Unknown.' }),
    lastProbeTime: opt(time()),
    lastTransitionTime: opt(time()),
    reason: opt(z.string()),
    message: opt(z.string()),
  })
  .meta({ id: coreId('PodCondition'), description: 'One observed aspect of a pod.' });

const containerStateRunning = z.strictObject({ startedAt: opt(time()) }).meta({ id: coreId('ContainerStateRunning'), description: 'A running container.' });
const containerStateWaiting = z
  .strictObject({ reason: opt(z.string()), message: opt(z.string()) })
  .meta({ id: coreId('ContainerStateWaiting'), description: 'A container not yet running.' });
const containerStateTerminated = z
  .strictObject({
    exitCode: int32(),
    signal: opt(int32()),
    reason: opt(z.string()),
    message: opt(z.string()),
    startedAt: opt(time()),
    finishedAt: opt(time()),
    containerID: opt(z.string()),
  })
  .meta({ id: coreId('ContainerStateTerminated'), description: 'A container that has exited.' });

export const containerState = z
  .strictObject({ waiting: opt(containerStateWaiting), running: opt(containerStateRunning), terminated: opt(containerStateTerminated) })
  .meta({ id: coreId('ContainerState'), description: 'The state of a container; one member is set.' });

const resourceStatus = z
  .strictObject({
    name: z.string(),
    resources: opt(
      mapList(
        z.strictObject({ resourceID: z.string(), health: opt(z.string()) }).meta({ id: coreId('ResourceHealth'), description: 'Health of one device.' }),
        'resourceID',
      ),
    ),
  })
  .meta({ id: coreId('ResourceStatus'), description: 'Health of the devices allocated for a resource.' });

const volumeMountStatus = z
  .strictObject({ name: z.string(), mountPath: z.string(), readOnly: opt(z.boolean()), recursiveReadOnly: opt(z.string()) })
  .meta({ id: coreId('VolumeMountStatus'), description: 'Status of a volume mount.' });

const containerUser = z
  .strictObject({
    linux: opt(
      z
        .strictObject({ uid: int64(), gid: int64(), supplementalGroups: opt(atomicList(int64())) })
        .meta({ id: coreId('LinuxContainerUser'), description: 'Linux identity of the first process.' }),
    ),
  })
  .meta({ id: coreId('ContainerUser'), description: 'Identity of the first process of a container.' });

export const containerStatus = z
  .strictObject({
    name: z.string(),
    state: opt(containerState),
    lastState: opt(containerState),
    ready: z.boolean(),
    restartCount: int32(),
    image: z.string(),
    imageID: z.string(),
    containerID: opt(z.string()),
    started: opt(z.boolean()),
    allocatedResources: opt(resourceList()),
    resources: opt(resourceRequirements),
    volumeMounts: opt(mapList(volumeMountStatus, 'mountPath')),
    user: opt(containerUser),
    allocatedResourcesStatus: opt(mapList(resourceStatus, 'name')),
    stopSignal: opt(z.string()),
  })
  .meta({ id: coreId('ContainerStatus'), description: 'The observed state of one container.' });

const ip = (id: string) => z.strictObject({ ip: z.string() }).meta({ id: coreId(id), description: 'An IP address.' });

export const podStatus = z
  .strictObject({
    observedGeneration: opt(int64()),
    phase: opt(z.string(), 'Pending, Running, Succeeded, Failed or Unknown.'),
    conditions: opt(mapList(podCondition, 'type'), 'Current service state of the pod.'),
    message: opt(z.string()),
    reason: opt(z.string()),
    nominatedNodeName: opt(z.string(), 'Node a preempting pod is expected to run on.'),
    hostIP: opt(z.string()),
    hostIPs: opt(mapList(ip('HostIP'), 'ip')),
    podIP: opt(z.string()),
    podIPs: opt(mapList(ip('PodIP'), 'ip')),
    startTime: opt(time()),
    initContainerStatuses: opt(atomicList(containerStatus)),
    containerStatuses: opt(atomicList(containerStatus)),
    qosClass: opt(z.string(), 'Guaranteed, Burstable or BestEffort.'),
    ephemeralContainerStatuses: opt(atomicList(containerStatus)),
    resize: opt(z.string()),
    resourceClaimStatuses: opt(
      mapList(
        z.strictObject({ name: z.string(), resourceClaimName: opt(z.string()) }).meta({ id: coreId('PodResourceClaimStatus'), description: 'Generated claim name.' }),
        'name',
      ),
    ),
    extendedResourceClaimStatus: opt(z.record(z.string(), z.unknown()).meta({ id: coreId('PodExtendedResourceClaimStatus'), description: 'Claim for extended resources.' })),
  })
  .meta({ id: coreId('PodStatus'), description: 'The most recently observed state of a pod.' });
