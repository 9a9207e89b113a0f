// PodLocator for the stream relays: which runtime container backs a pod's container, read from the
// statuses the kubelet last generated, with the kubelet's own error wording (validateContainerLogStatus).
import type { Located } from '../../tunnel/types';
import type { Pod, V1ContainerStatus, V1PodStatus } from '../types';

export interface LocatedPod {
  pod: Pod;
  status?: V1PodStatus;
}

const DEFAULT_CONTAINER = 'kubectl.kubernetes.io/default-container';
const stripScheme = (id: string) => id.replace(/^[^:]+:\/\//, '');
const bad = (message: string): Located<string> => ({ ok: false, code: 400, message });

export function locateContainer(found: LocatedPod | undefined, podName: string, container?: string, previous?: boolean): Located<string> {
  if (!found) return { ok: false, code: 404, message: `pods "${podName}" not found` };
  const { pod, status } = found;
  const names = pod.spec.containers.map((c) => c.name);
  let name = container;
  if (!name) {
    const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER];
    if (annotated && names.includes(annotated)) name = annotated;
    else if (names.length === 1) name = names[0];
    else return bad(`a container name must be specified for pod ${podName}, choose one of: [${names.join(' ')}]`);
  }
  const all: V1ContainerStatus[] = [...(status?.initContainerStatuses ?? []), ...(status?.containerStatuses ?? [])];
  const known = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].some((c) => c.name === name);
  if (!known) return bad(`container ${name} is not valid for pod ${podName}`);
  const s = all.find((x) => x.name === name);
  if (!s) return bad(`container "${name}" in pod "${podName}" is not available`);
  const { state, lastState } = s;
  if (previous) {
    if (!lastState.terminated?.containerID) return bad(`previous terminated container "${name}" in pod "${podName}" not found`);
    return { ok: true, value: stripScheme(lastState.terminated.containerID) };
  }
  if (state.running && s.containerID) return { ok: true, value: stripScheme(s.containerID) };
  if (state.terminated) {
    const id = state.terminated.containerID || lastState.terminated?.containerID;
    return id ? { ok: true, value: stripScheme(id) } : bad(`container "${name}" in pod "${podName}" is terminated`);
  }
  if (lastState.terminated) {
    const id = lastState.terminated.containerID;
    return id ? { ok: true, value: stripScheme(id) } : bad(`container "${name}" in pod "${podName}" is terminated`);
  }
  const reason = state.waiting?.reason ?? 'ContainerCreating';
  if (reason === 'ErrImagePull') return bad(`container "${name}" in pod "${podName}" is waiting to start: image can't be pulled`);
  if (reason === 'ImagePullBackOff') return bad(`container "${name}" in pod "${podName}" is waiting to start: trying and failing to pull image`);
  return bad(`container "${name}" in pod "${podName}" is waiting to start: ${reason}`);
}

export function locateAddress(found: LocatedPod | undefined, podName: string): Located<string> {
  if (!found) return { ok: false, code: 404, message: `pods "${podName}" not found` };
  if (found.pod.spec.hostNetwork) return { ok: true, value: '127.0.0.1' };
  const ip = found.status?.podIP;
  return ip ? { ok: true, value: ip } : bad(`pod ${podName} does not have an IP address yet`);
}
