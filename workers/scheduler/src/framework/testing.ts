// Test builders in the style of upstream's st.MakeNode()/st.MakePod(): node('n1').withTaint(...).
import type { Node, Pod, Taint, Toleration } from './types';

type Res = Record<string, string | number>;

export class NodeBuilder {
  readonly obj: Node;
  constructor(name: string) {
    this.obj = {
      metadata: { name, labels: { 'kubernetes.io/hostname': name } },
      spec: {},
      status: { allocatable: { cpu: '4', memory: '8Gi', pods: 110, 'ephemeral-storage': '100Gi' } },
    };
  }
  withLabel(k: string, v: string) {
    this.obj.metadata.labels![k] = v;
    return this;
  }
  withZone(z: string) {
    return this.withLabel('topology.kubernetes.io/zone', z);
  }
  withTaint(key: string, value: string | undefined, effect: Taint['effect'] = 'NoSchedule') {
    (this.obj.spec!.taints ??= []).push(value === undefined ? { key, effect } : { key, value, effect });
    return this;
  }
  withAllocatable(r: Res) {
    this.obj.status!.allocatable = { ...this.obj.status!.allocatable, ...r };
    return this;
  }
  unschedulable() {
    this.obj.spec!.unschedulable = true;
    return this;
  }
  withImage(name: string, sizeBytes: number) {
    (this.obj.status!.images ??= []).push({ names: [name], sizeBytes });
    return this;
  }
}

export class PodBuilder {
  readonly obj: Pod;
  constructor(name: string, ns = 'default') {
    this.obj = { metadata: { name, namespace: ns, uid: `uid-${ns}-${name}`, labels: {} }, spec: { containers: [{ name: 'c', image: 'app' }] } };
  }
  private get c() {
    return this.obj.spec.containers[0];
  }
  req(r: Res) {
    this.c.resources = { requests: r };
    return this;
  }
  withContainer(r: Res, image = 'app') {
    this.obj.spec.containers.push({ name: `c${this.obj.spec.containers.length}`, image, resources: { requests: r } });
    return this;
  }
  withInit(r: Res, sidecar = false) {
    const list = (this.obj.spec.initContainers ??= []);
    list.push({ name: `i${list.length}`, image: 'init', resources: { requests: r }, ...(sidecar ? { restartPolicy: 'Always' } : {}) });
    return this;
  }
  withOverhead(r: Res) {
    this.obj.spec.overhead = r;
    return this;
  }
  image(name: string) {
    this.c.image = name;
    return this;
  }
  label(k: string, v: string) {
    this.obj.metadata.labels![k] = v;
    return this;
  }
  on(node: string) {
    this.obj.spec.nodeName = node;
    return this;
  }
  priority(p: number) {
    this.obj.spec.priority = p;
    return this;
  }
  startedAt(iso: string) {
    this.obj.status = { ...this.obj.status, startTime: iso };
    return this;
  }
  withToleration(t: Toleration) {
    (this.obj.spec.tolerations ??= []).push(t);
    return this;
  }
  nodeSelector(sel: Record<string, string>) {
    this.obj.spec.nodeSelector = sel;
    return this;
  }
  hostPort(port: number, ip?: string, protocol?: string) {
    (this.c.ports ??= []).push({ containerPort: port, hostPort: port, ...(ip ? { hostIP: ip } : {}), ...(protocol ? { protocol } : {}) });
    return this;
  }
  affinity(a: NonNullable<Pod['spec']['affinity']>) {
    this.obj.spec.affinity = { ...this.obj.spec.affinity, ...a };
    return this;
  }
  spread(c: NonNullable<Pod['spec']['topologySpreadConstraints']>[number]) {
    (this.obj.spec.topologySpreadConstraints ??= []).push(c);
    return this;
  }
  set(f: (p: Pod) => void) {
    f(this.obj);
    return this;
  }
}

export const node = (name: string) => new NodeBuilder(name);
export const pod = (name: string, ns?: string) => new PodBuilder(name, ns);

import { CycleState } from './cycle-state';
import type { AnyPlugin, Cycle } from './interfaces';
import { getPodInfo } from './pod-info';
import { Snapshot } from './snapshot';
import { Code } from './status';

type Built<T> = T | { obj: T };
const unwrap = <T>(x: Built<T>): T => (x && typeof x === 'object' && 'obj' in x ? x.obj : (x as T));

/** Runs one plugin's PreFilter and Filter for `p` on every node; "" means it fits, else the joined reasons. */
export function filterVerdicts(plugin: AnyPlugin, p: Built<Pod>, nodes: Built<Node>[], existing: Built<Pod>[] = []): Record<string, string> {
  const snap = new Snapshot(nodes.map(unwrap), existing.map(unwrap));
  const podObj = unwrap(p);
  const cycle: Cycle = { pod: podObj, podInfo: getPodInfo(podObj), state: new CycleState(), snapshot: snap };
  const out: Record<string, string> = {};
  if (plugin.preFilter) {
    const r = plugin.preFilter(cycle, snap.nodes);
    if (r.status.isRejected()) {
      for (const ni of snap.nodes) out[ni.name] = `prefilter: ${r.status.message()}`;
      return out;
    }
    if (r.status.code === Code.Skip) {
      for (const ni of snap.nodes) out[ni.name] = '';
      return out;
    }
  }
  for (const ni of snap.nodes) {
    const s = plugin.filter!(cycle, ni);
    out[ni.name] = s.isSuccess() ? '' : `${Code[s.code]}: ${s.message()}`;
  }
  return out;
}

/** Runs one plugin's PreScore, Score and NormalizeScore on the nodes (all assumed feasible). */
export function scores(plugin: AnyPlugin, p: Built<Pod>, nodes: Built<Node>[], existing: Built<Pod>[] = []): Record<string, number> {
  const snap = new Snapshot(nodes.map(unwrap), existing.map(unwrap));
  const podObj = unwrap(p);
  const cycle: Cycle = { pod: podObj, podInfo: getPodInfo(podObj), state: new CycleState(), snapshot: snap };
  const list = snap.nodes;
  const out: Record<string, number> = {};
  if (plugin.preScore && plugin.preScore(cycle, list).code === Code.Skip) {
    for (const ni of list) out[ni.name] = 0;
    return out;
  }
  const s = new Float64Array(list.length);
  list.forEach((ni, i) => (s[i] = plugin.score!(cycle, ni)));
  plugin.normalizeScore?.(cycle, s, list);
  list.forEach((ni, i) => (out[ni.name] = s[i]));
  return out;
}
