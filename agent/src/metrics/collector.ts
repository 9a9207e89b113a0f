// Builds one metrics sample of this node: the usage of every running pod container (from the runtime's
// cumulative stats) and of the host (procfs), as rates over the time since the previous collection.
// The first collection only primes the counters, so the first sample comes one interval later, as
// the kubelet's own metrics do.
import type { NodeSample } from '../../../workers/api/src/metrics/sample';
import { eachLimited } from '../../../workers/kube/event-loop/each-limited';
import { type ContainerRuntime, LABELS } from '../runtime/types';
import { type HostUsage, readHostUsage } from './host';
import { type CumulativeCpu, cpuQuantity, memoryQuantity, nanocores, windowText } from './rate';

export type { NodeSample };

export interface CollectorOptions {
  runtime: ContainerRuntime;
  nodeName: string;
  readHost?: () => Promise<HostUsage | undefined>;
  now?: () => number;
}

interface ContainerUsage {
  namespace: string;
  pod: string;
  name: string;
  cpu: number;
  memory: number;
}

/**
 * Stats requests in flight at once, so a collection (every 15 s) is not a burst of one engine request
 * per container competing with pod starts (bench:startup's worst starts fell from 2.0-3.9 s to ~0.7 s
 * with the bound; a single request takes 5-20 ms, so the link is not proven).
 */
export const STATS_CONCURRENCY = 2;

export class MetricsCollector {
  private readonly previous = new Map<string, CumulativeCpu>();
  private previousHost?: CumulativeCpu;
  private lastAt?: number;
  private readonly readHost: () => Promise<HostUsage | undefined>;
  private readonly now: () => number;

  constructor(private readonly opts: CollectorOptions) {
    this.readHost = opts.readHost ?? (() => readHostUsage());
    this.now = opts.now ?? Date.now;
  }

  /** The sample since the last call, or undefined on the first call (or when the host is unreadable). */
  async collect(): Promise<NodeSample | undefined> {
    const now = this.now();
    const [containers, host] = await Promise.all([this.containerUsage(now), this.readHost()]);
    const hostNow = host ? { cpuNanos: host.cpuNanos, atMs: now } : undefined;
    const hostCpu = hostNow ? nanocores(this.previousHost, hostNow) : undefined;
    const since = this.lastAt;
    this.previousHost = hostNow;
    this.lastAt = now;
    if (!host || hostCpu === undefined || since === undefined) return undefined;
    return {
      timestamp: new Date(now).toISOString(),
      window: windowText(now - since),
      node: { cpu: cpuQuantity(hostCpu), memory: memoryQuantity(host.memoryWorkingSetBytes) },
      pods: groupByPod(containers),
    };
  }

  private async containerUsage(now: number): Promise<ContainerUsage[]> {
    const { runtime, nodeName } = this.opts;
    const running = (await runtime.listStates({ [LABELS.nodeName]: nodeName })).filter(
      (c) => c.state === 'running' && c.kind === 'container' && c.labels[LABELS.podName] && c.labels[LABELS.podNamespace],
    );
    const seen = new Set<string>();
    const out: ContainerUsage[] = [];
    await eachLimited(running, STATS_CONCURRENCY, async (c) => {
      const stats = await runtime.stats(c.id).catch(() => null);
      if (!stats) return;
      seen.add(c.id);
      const cur = { cpuNanos: stats.cpuUsageNanos, atMs: Date.parse(stats.timestamp) || now };
      const rate = nanocores(this.previous.get(c.id), cur);
      this.previous.set(c.id, cur);
      if (rate === undefined) return;
      out.push({ namespace: c.labels[LABELS.podNamespace], pod: c.labels[LABELS.podName], name: c.labels[LABELS.container] ?? c.id.slice(0, 12), cpu: rate, memory: stats.memoryWorkingSetBytes });
    });
    for (const id of this.previous.keys()) if (!seen.has(id)) this.previous.delete(id);
    return out;
  }
}

/** Pods with their containers, sorted, so samples are stable. */
function groupByPod(containers: ContainerUsage[]): NodeSample['pods'] {
  const pods = new Map<string, NodeSample['pods'][number]>();
  for (const c of containers) {
    const key = `${c.namespace}/${c.pod}`;
    let p = pods.get(key);
    if (!p) pods.set(key, (p = { namespace: c.namespace, name: c.pod, containers: [] }));
    p.containers.push({ name: c.name, cpu: cpuQuantity(c.cpu), memory: memoryQuantity(c.memory) });
  }
  const list = [...pods.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
  for (const p of list) p.containers.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return list;
}
