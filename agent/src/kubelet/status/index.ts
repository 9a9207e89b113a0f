export { generatePodStatus, instancesByName, type StatusInput } from './generate';
export { getPhase, isSidecar, anyRegularStarted, type Phase } from './phase';
export { containersReady, initialized, podReady, readyToStartContainers, KUBELET_CONDITIONS } from './conditions';
export { containerStatusOf, shouldRestart, terminatedReason, type ContainerStatusInput } from './containers';
export { statusPatch, statusEqual } from './compare';
