// What the stream relay (logs, exec, attach, port-forward) needs from the kubelet: which runtime
// container backs a pod's container, and where the pod's network lives.
export type Located<T> = { ok: true; value: T } | { ok: false; code: 400 | 404; message: string };

export interface PodLocator {
  /**
   * The runtime id of a container of a pod bound to this node. `container` defaults to the pod's only
   * (or first, with kubectl.kubernetes.io/default-container honoured) container; `previous` selects the
   * last terminated instance, as `kubectl logs --previous` does. Messages follow upstream's wording, e.g.
   * `container "x" in pod "y" is waiting to start: ContainerCreating`.
   */
  containerId(namespace: string, pod: string, container?: string, previous?: boolean): Located<string>;
  /** The address port-forward connects to: the pod IP, or 127.0.0.1 for a hostNetwork pod. */
  podAddress(namespace: string, pod: string): Located<string>;
}
