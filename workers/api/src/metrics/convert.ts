// Samples → NodeMetrics / PodMetrics objects, joined with the live Node and Pod objects: only objects
// that exist are served (a deleted pod's last sample disappears with it), their labels make label
// selectors work, and a pod's usage is taken only from the node it is bound to (a node cannot report
// load for pods it does not run). Pure: the handler feeds it rows read from D1 and the MetricsStore.
import type { NodeMetrics, PodMetrics } from '../../../kube/resources/metrics';
import { type LabelSelector, matchesLabels } from '../../../kube/selectors/labels';
import type { StoredSample } from './sample';

export const API_VERSION = 'metrics.k8s.io/v1beta1';

/** What the join needs of a stored object. */
export interface LiveObject {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  /** Pods: the node the pod is bound to. */
  nodeName?: string;
}

const timeText = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

export function nodeMetricsOf(samples: StoredSample[], nodes: LiveObject[], selector: LabelSelector, now: number): NodeMetrics[] {
  const bySample = new Map(samples.map((s) => [s.nodeName, s]));
  const out: NodeMetrics[] = [];
  for (const node of nodes) {
    const s = bySample.get(node.name);
    if (!s || !matchesLabels(selector, node.labels)) continue;
    out.push({
      kind: 'NodeMetrics',
      apiVersion: API_VERSION,
      metadata: { name: node.name, labels: node.labels, creationTimestamp: timeText(now) },
      timestamp: s.sample.timestamp,
      window: s.sample.window,
      usage: { cpu: s.sample.node.cpu, memory: s.sample.node.memory },
    });
  }
  return out;
}

export function podMetricsOf(samples: StoredSample[], pods: LiveObject[], selector: LabelSelector, now: number): PodMetrics[] {
  // "node/namespace/name" → the pod's entry in that node's sample.
  const reported = new Map<string, { s: StoredSample; containers: StoredSample['sample']['pods'][number]['containers'] }>();
  for (const s of samples) for (const p of s.sample.pods) reported.set(`${s.nodeName}/${p.namespace}/${p.name}`, { s, containers: p.containers });
  const out: PodMetrics[] = [];
  for (const pod of pods) {
    if (!pod.nodeName) continue;
    const r = reported.get(`${pod.nodeName}/${pod.namespace}/${pod.name}`);
    if (!r || !matchesLabels(selector, pod.labels)) continue;
    out.push({
      kind: 'PodMetrics',
      apiVersion: API_VERSION,
      metadata: { name: pod.name, namespace: pod.namespace, labels: pod.labels, creationTimestamp: timeText(now) },
      timestamp: r.s.sample.timestamp,
      window: r.s.sample.window,
      containers: r.containers.map((c) => ({ name: c.name, usage: { cpu: c.cpu, memory: c.memory } })),
    });
  }
  return out;
}

/** Nodes with a sample but no Node object: deleted, so their samples can go. */
export function deletedNodes(samples: StoredSample[], nodes: LiveObject[]): string[] {
  const live = new Set(nodes.map((n) => n.name));
  return samples.map((s) => s.nodeName).filter((n) => !live.has(n));
}
