// Synthetic metrics for simulated nodes (opt-in): every interval, one list of running pods, then one
// push per simulated node of the usage a test-supplied function assigns to each pod, through the same
// endpoint real agents use. Lets the autoscaler be exercised at scale without containers.
import type { ApiClient } from '../../../workers/kube/client';
import { parseQuantity, quantityToMilli, quantityValue } from '../../../workers/kube/quantity';
import type { Limiter } from './limiter';
import { errText, type SimLog } from './types';

export interface SimMetricsPod {
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: { nodeName?: string; containers?: { name: string }[] };
  status?: { phase?: string };
}

/** A pod's usage as quantities, e.g. { cpu: '250m', memory: '64Mi' }; undefined: report nothing. */
export type PodUsage = (pod: SimMetricsPod) => { cpu: string; memory: string } | undefined;

export interface SimMetricsOptions {
  podUsage: PodUsage;
  /** Push period (default 15 s, as real agents). */
  intervalMs?: number;
}

interface Shared {
  api: ApiClient;
  limiter: Limiter;
  log: SimLog;
  isSilenced(node: string): boolean;
}

const nanoText = (milli: bigint) => `${milli * 1_000_000n}n`;

export class SimMetrics {
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private last = Date.now();
  pushes = 0;

  constructor(
    private readonly nodes: string[],
    private readonly opts: SimMetricsOptions,
    private readonly shared: Shared,
  ) {}

  start(): void {
    if (this.timer) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.opts.intervalMs ?? 15_000);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.round;
  }

  /** One round: list running pods, push each node's sample. Never overlaps itself. */
  tick(): Promise<void> {
    this.round ??= this.push().finally(() => (this.round = undefined));
    return this.round;
  }

  private async push(): Promise<void> {
    const { api, limiter, log, isSilenced } = this.shared;
    const now = Date.now();
    const window = `${Math.max(1, Math.round((now - this.last) / 1000))}s`;
    this.last = now;
    let pods: SimMetricsPod[];
    try {
      pods = (await api.list<SimMetricsPod>('/api/v1/pods', { fieldSelector: 'status.phase=Running' })).items;
    } catch (e) {
      log('sim metrics: pod list failed', { err: errText(e) });
      return;
    }
    const byNode = new Map<string, SimMetricsPod[]>(this.nodes.map((n) => [n, []]));
    for (const p of pods) byNode.get(p.spec?.nodeName ?? '')?.push(p);
    await Promise.all(
      [...byNode].filter(([node]) => !isSilenced(node)).map(([node, list]) =>
        limiter.run(async () => {
          try {
            await api.request('PUT', `/apis/kubeflare.dev/v1/nodes/${encodeURIComponent(node)}/metrics`, sampleOf(list, this.opts.podUsage, now, window));
            this.pushes++;
          } catch (e) {
            log('sim metrics: push failed', { node, err: errText(e) });
          }
        }),
      ),
    );
  }
}

/** The node's sample: each pod's usage on its first container, the node's as their sum. */
function sampleOf(pods: SimMetricsPod[], podUsage: PodUsage, now: number, window: string) {
  let cpu = 0n;
  let memory = 0n;
  const out = [];
  for (const p of pods) {
    const u = podUsage(p);
    if (!u) continue;
    const c = quantityToMilli(parseQuantity(u.cpu));
    const m = quantityValue(parseQuantity(u.memory));
    cpu += c;
    memory += m;
    const names = (p.spec?.containers ?? [{ name: 'main' }]).map((x) => x.name);
    const containers = names.map((name, i) => (i === 0 ? { name, cpu: nanoText(c), memory: String(m) } : { name, cpu: '0n', memory: '0' }));
    out.push({ namespace: p.metadata.namespace ?? 'default', name: p.metadata.name, containers });
  }
  return { timestamp: new Date(now).toISOString(), window, node: { cpu: nanoText(cpu), memory: String(memory) }, pods: out };
}
