// The scheduler's view of the cluster: node infos, pods on them, and pods assumed bound but not yet
// observed. Updated incrementally from watch events; a scheduling cycle reads it without copying.
import { NodeInfo } from './node-info';
import { getPodInfo, podKey, type PodInfo } from './pod-info';
import { LABEL_REGION, LABEL_ZONE, type Node, type Pod } from './types';

export interface VolumeLookup {
  claim(namespace: string, name: string): import('../plugins/volume-binding/types').Claim | undefined;
  volume(name: string): import('../plugins/volume-binding/types').Volume | undefined;
  storageClass(name: string): import('../plugins/volume-binding/types').StorageClass | undefined;
  volumes(): import('../plugins/volume-binding/types').Volume[];
}

/**
 * Derived data a plugin keeps over the placed pods (e.g. InterPodAffinity's counts per topology
 * domain), told of every placement on an existing node; `reset` when node labels, the set of nodes or
 * namespace labels change (it then rebuilds from `nodes` when next asked).
 */
export interface PlacementIndex {
  placed(p: PodInfo, ni: NodeInfo, delta: 1 | -1): void;
  reset(): void;
}

export class Snapshot {
  private readonly byName = new Map<string, NodeInfo>();
  private ordered: NodeInfo[] = [];
  private dirty = false;
  /** pod key → node it is (or is assumed to be) on. */
  private readonly podNode = new Map<string, string>();
  private readonly assumed = new Set<string>();
  /** Normalized image → number of nodes that have it. */
  private readonly imageNodes = new Map<string, number>();
  /** Namespace labels, for affinity terms with a namespaceSelector (changed through setNamespaceLabels). */
  readonly namespaceLabels: ReadonlyMap<string, Record<string, string>> = new Map<string, Record<string, string>>();
  private readonly indexes = new Map<string, PlacementIndex>();
  /** Claims, volumes and storage classes, for VolumeBinding (absent: no pod may use a claim). */
  volumes?: VolumeLookup;

  constructor(nodes: readonly Node[] = [], pods: readonly Pod[] = []) {
    for (const n of nodes) this.setNode(n);
    for (const p of pods) this.addPod(p);
  }

  /** Nodes that exist, interleaved across zones (as upstream's node tree) so a partial scan sees every zone. */
  get nodes(): readonly NodeInfo[] {
    if (this.dirty) this.rebuild();
    return this.ordered;
  }

  get(name: string): NodeInfo | undefined {
    const ni = this.byName.get(name);
    return ni?.node ? ni : undefined;
  }

  imageNodeCount(image: string): number {
    return this.imageNodes.get(image) ?? 0;
  }

  /** The index `name` (created by `create` at first use), kept current as pods are placed and removed. */
  index<T extends PlacementIndex>(name: string, create: (snapshot: Snapshot) => T): T {
    let ix = this.indexes.get(name);
    if (!ix) this.indexes.set(name, (ix = create(this)));
    return ix as T;
  }

  setNamespaceLabels(name: string, labels: Record<string, string> | undefined): void {
    const m = this.namespaceLabels as Map<string, Record<string, string>>;
    const old = m.get(name);
    if (old === labels || (old && labels && sameLabels(old, labels))) return;
    if (labels === undefined) m.delete(name);
    else m.set(name, labels);
    this.resetIndexes();
  }

  setNode(node: Node): void {
    const name = node.metadata.name ?? '';
    let ni = this.byName.get(name);
    if (ni?.node) this.countImages(ni, -1);
    if (!ni) this.byName.set(name, (ni = new NodeInfo(name)));
    const zoneChanged = !ni.node || zoneOf(ni.labels) !== zoneOf(node.metadata.labels ?? {});
    if (!ni.node || !sameLabels(ni.labels, node.metadata.labels ?? {})) this.resetIndexes();
    ni.setNode(node);
    this.countImages(ni, 1);
    if (zoneChanged) this.dirty = true;
  }

  removeNode(name: string): void {
    const ni = this.byName.get(name);
    if (!ni?.node) return;
    this.countImages(ni, -1);
    ni.node = undefined;
    this.resetIndexes();
    // Pods still bound to a deleted node stay accounted until their own deletion is observed.
    if (ni.pods.length === 0) this.byName.delete(name);
    this.dirty = true;
  }

  /** A pod observed bound to a node (spec.nodeName set). Replaces an assumed copy of it. */
  addPod(pod: Pod): void {
    const nodeName = pod.spec.nodeName;
    if (!nodeName) return;
    const key = podKey(pod);
    this.removeKey(key);
    this.place(getPodInfo(pod), nodeName);
  }

  removePod(pod: Pod): void {
    this.removeKey(podKey(pod));
  }

  /** Reserve the pod's resources on `nodeName` until its binding is observed (addPod) or fails (forget). */
  assume(pod: Pod, nodeName: string): void {
    const key = podKey(pod);
    this.removeKey(key);
    const bound = { ...pod, spec: { ...pod.spec, nodeName } } as Pod;
    const base = getPodInfo(pod);
    // Share the parsed form; only the pod object (with nodeName) differs.
    const info: PodInfo = { ...base, pod: bound };
    this.place(info, nodeName);
    this.assumed.add(key);
  }

  forget(pod: Pod): void {
    const key = podKey(pod);
    if (this.assumed.has(key)) this.removeKey(key);
  }

  isAssumed(pod: Pod): boolean {
    return this.assumed.has(podKey(pod));
  }

  /** Node a pod is on or assumed on. */
  nodeOf(pod: Pod): string | undefined {
    return this.podNode.get(podKey(pod));
  }

  /** Distinct values of a node label among existing nodes, with their nodes (topology domains). */
  domains(topologyKey: string): Map<string, NodeInfo[]> {
    const out = new Map<string, NodeInfo[]>();
    for (const ni of this.nodes) {
      const v = ni.labels[topologyKey];
      if (v === undefined) continue;
      const list = out.get(v);
      if (list) list.push(ni);
      else out.set(v, [ni]);
    }
    return out;
  }

  private place(info: PodInfo, nodeName: string): void {
    let ni = this.byName.get(nodeName);
    if (!ni) this.byName.set(nodeName, (ni = new NodeInfo(nodeName)));
    ni.addPod(info);
    this.podNode.set(info.key, nodeName);
    if (ni.node) for (const ix of this.indexes.values()) ix.placed(info, ni, 1);
  }

  private resetIndexes(): void {
    for (const ix of this.indexes.values()) ix.reset();
  }

  private removeKey(key: string): void {
    const nodeName = this.podNode.get(key);
    if (nodeName === undefined) return;
    this.podNode.delete(key);
    this.assumed.delete(key);
    const ni = this.byName.get(nodeName);
    if (!ni) return;
    const gone = ni.removePod(key);
    if (gone && ni.node) for (const ix of this.indexes.values()) ix.placed(gone, ni, -1);
    if (!ni.node && ni.pods.length === 0) this.byName.delete(nodeName);
  }

  private countImages(ni: NodeInfo, sign: number): void {
    for (const img of ni.images.keys()) {
      const n = (this.imageNodes.get(img) ?? 0) + sign;
      if (n > 0) this.imageNodes.set(img, n);
      else this.imageNodes.delete(img);
    }
  }

  private rebuild(): void {
    const zones = new Map<string, NodeInfo[]>();
    for (const ni of this.byName.values()) {
      if (!ni.node) continue;
      const z = zoneOf(ni.labels);
      const list = zones.get(z);
      if (list) list.push(ni);
      else zones.set(z, [ni]);
    }
    const lists = [...zones.values()];
    const total = lists.reduce((s, l) => s + l.length, 0);
    const out: NodeInfo[] = [];
    for (let i = 0; out.length < total; i++) for (const l of lists) if (i < l.length) out.push(l[i]);
    this.ordered = out;
    this.dirty = false;
  }
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (a[k] !== b[k]) return false;
  return true;
}

const zoneOf = (labels: Record<string, string>) => `${labels[LABEL_REGION] ?? ''}:\x00:${labels[LABEL_ZONE] ?? ''}`;
