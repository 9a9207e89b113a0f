// The container runtime layer: the contract, the Docker-API implementation, podman service helpers and
// locally built images.
export * from './types';
export { DockerRuntime, type DockerRuntimeOptions } from './docker';
export { startPodmanService, detectRuntimeSocket, podmanAvailable, pingSocket, CONTAINERS_CONF, type PodmanService } from './podman';
export { ensureLocalImage, BUSYBOX_IMAGE, PAUSE_IMAGE, type LocalImageKind } from './images';
