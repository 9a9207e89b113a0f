// The scheduler's cache: the objects it follows (pods, nodes, PDBs, namespaces) kept in the controllers'
// Cache, mirrored into the framework's Snapshot (nodes, and bound pods on their nodes), with pending
// pods of ours handed to the queue and cluster changes reported as queue events.
import { Cache, keyOf } from '../../../controllers/src/runtime/cache';
import type { KObject } from '../../../kube/registry/types';
import { DEFAULT_SCHEDULER_NAME, Snapshot, type DisruptionBudget, type Node, type Pod } from '../framework';
import type { SchedulingQueue } from '../queue';

export const PODS = 'pods';
export const NODES = 'nodes';
export const PDBS = 'policy/poddisruptionbudgets';
export const NAMESPACES = 'namespaces';
export const CLAIMS = 'persistentvolumeclaims';
export const VOLUMES = 'persistentvolumes';
export const CLASSES = 'storage.k8s.io/storageclasses';

export const LIST_PATHS: Record<string, string> = {
  [PODS]: '/api/v1/pods',
  [NODES]: '/api/v1/nodes',
  [PDBS]: '/apis/policy/v1/poddisruptionbudgets',
  [NAMESPACES]: '/api/v1/namespaces',
  [CLAIMS]: '/api/v1/persistentvolumeclaims',
  [VOLUMES]: '/api/v1/persistentvolumes',
  [CLASSES]: '/apis/storage.k8s.io/v1/storageclasses',
};

const isTerminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export class SchedulerCache {
  readonly objects = new Cache();
  readonly snapshot = new Snapshot();
  private pdbList?: DisruptionBudget[];

  constructor(
    private readonly queue: SchedulingQueue,
    private readonly schedulerName = DEFAULT_SCHEDULER_NAME,
  ) {
    // VolumeBinding reads claims, volumes and classes through the snapshot.
    this.snapshot.volumes = {
      claim: (ns, name) => this.objects.get(CLAIMS, `${ns}/${name}`) as never,
      volume: (name) => this.objects.get(VOLUMES, name) as never,
      storageClass: (name) => this.objects.get(CLASSES, name) as never,
      volumes: () => this.objects.list(VOLUMES) as never,
    };
  }

  /** Applies one change from the feed (or a relist diff). */
  apply(resource: string, type: string, obj: KObject): void {
    const old = this.objects.apply(resource, type, obj);
    if (resource === PODS) this.onPod(type, obj as Pod, old as Pod | undefined);
    else if (resource === NODES) this.onNode(type, obj as Node, old as Node | undefined);
    else if (resource === PDBS) {
      this.pdbList = undefined;
      this.queue.onEvent('PdbChange');
    } else if (resource === CLAIMS || resource === VOLUMES || resource === CLASSES) {
      this.queue.onEvent('VolumeChange');
    } else if (resource === NAMESPACES) {
      const name = obj.metadata.name ?? '';
      this.snapshot.setNamespaceLabels(name, type === 'DELETED' ? undefined : (obj.metadata.labels ?? {}));
    }
  }

  /** Replaces a resource's objects with a fresh list, applying the difference as changes. */
  replace(resource: string, items: KObject[]): void {
    const seen = new Set<string>();
    for (const o of items) {
      seen.add(keyOf(o));
      this.apply(resource, this.objects.get(resource, keyOf(o)) ? 'MODIFIED' : 'ADDED', o);
    }
    for (const o of this.objects.list(resource)) if (!seen.has(keyOf(o))) this.apply(resource, 'DELETED', o);
  }

  pdbs(): readonly DisruptionBudget[] {
    this.pdbList ??= this.objects.list(PDBS).map((o) => {
      const p = o as KObject & { spec?: { selector?: DisruptionBudget['selector'] }; status?: { disruptionsAllowed?: number; disruptedPods?: Record<string, string> } };
      return {
        namespace: p.metadata.namespace ?? 'default',
        selector: p.spec?.selector,
        disruptionsAllowed: p.status?.disruptionsAllowed ?? 0,
        disruptedPods: Object.keys(p.status?.disruptedPods ?? {}),
      };
    });
    return this.pdbList;
  }

  /** The latest copy of a pod we know. */
  pod(key: string): Pod | undefined {
    return this.objects.get(PODS, key) as Pod | undefined;
  }

  private onPod(type: string, pod: Pod, old: Pod | undefined): void {
    const key = keyOf(pod);
    const wasOnNode = !!old?.spec.nodeName && !isTerminal(old);
    if (type === 'DELETED' || (pod.spec.nodeName && isTerminal(pod))) {
      // Terminated pods no longer hold resources (as upstream); deleted ones release their assumption too.
      const held = this.snapshot.nodeOf(pod) !== undefined;
      this.snapshot.removePod(pod);
      this.queue.delete(key);
      if (held) this.queue.onEvent('AssignedPodDelete');
      return;
    }
    if (pod.spec.nodeName) {
      // Observed bound (by us or anyone): replaces an assumed copy; it leaves the queue.
      this.snapshot.addPod(pod);
      this.queue.delete(key);
      if (!wasOnNode || !same(old?.metadata.labels, pod.metadata.labels)) this.queue.onEvent('AssignedPodAdd');
      return;
    }
    if ((pod.spec.schedulerName || DEFAULT_SCHEDULER_NAME) !== this.schedulerName || pod.metadata.deletionTimestamp) {
      this.queue.delete(key);
      return;
    }
    // Assumed: its binding is in flight; the bound copy will arrive (or the binding fails and requeues).
    if (this.snapshot.isAssumed(pod)) return;
    // Our own status writes (the PodScheduled condition) must not release it from the unschedulable set.
    const changed = !old || !same(old.spec, pod.spec) || !same(old.metadata.labels, pod.metadata.labels);
    this.queue.upsert(key, pod, changed);
  }

  private onNode(type: string, node: Node, old: Node | undefined): void {
    const name = node.metadata.name ?? '';
    if (type === 'DELETED') {
      this.snapshot.removeNode(name);
      return;
    }
    this.snapshot.setNode(node);
    if (!old) this.queue.onEvent('NodeAdd');
    else if (nodeChanged(old, node)) this.queue.onEvent('NodeUpdate');
  }
}

/** Changes that can flip a filter verdict; heartbeats (condition times) do not. */
function nodeChanged(a: Node, b: Node): boolean {
  return (
    !same(a.metadata.labels, b.metadata.labels) ||
    !same(a.spec?.taints, b.spec?.taints) ||
    !same(a.spec?.unschedulable, b.spec?.unschedulable) ||
    !same(a.status?.allocatable, b.status?.allocatable)
  );
}
