export { startPodmanService, type PodmanService, type StartPodmanOptions } from './service';
export { detectRuntimeSocket, candidateSockets, podmanAvailable } from './detect';
export { pingSocket } from './ping';
export { CONTAINERS_CONF } from './containers-conf';
