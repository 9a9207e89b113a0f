// The kubelet core of the node agent: pod lifecycle against a ContainerRuntime, status and events as
// upstream, adoption of running containers after a restart.
export { Kubelet, type KubeletOptions } from './kubelet';
export type { KubeletDeps, VolumesLike, HandlerTarget, ProbeWorkerLike } from './deps';
export { generatePodStatus, getPhase } from './status';
export type { Pod, V1PodStatus, V1ContainerStatus } from './types';
