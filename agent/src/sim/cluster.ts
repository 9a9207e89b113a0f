// SimCluster: many fake nodes in one process, like kwok. Each node is registered through the API,
// heartbeats with its Lease and (optionally) "runs" the pods bound to it, so the scheduler, the
// controllers and benchmarks see a cluster of any size without containers.
import type { ApiClient } from '../../../workers/kube/client';
import { StatusError } from '../../../workers/kube/status';
import { PodIPPool } from './addresses';
import type { HeartbeatSummary } from './heartbeat-stats';
import { LeaseRenewer } from './leases';
import { Limiter } from './limiter';
import { generateNodes, type NodeGeneratorOptions, type SimNodeSpec } from './nodes';
import { nodeObject, nodeStatus, simNode, type SimNode } from './objects';
import { PodFollower } from './pods';
import { retryTransient } from './retry';
import { SimMetrics, type SimMetricsOptions } from './metrics';
import { errText, newCounters, type SimCounters, type SimLog } from './types';

export interface SimClusterOptions {
  api: ApiClient;
  /** The nodes themselves, or how to generate them. */
  nodes: SimNodeSpec[] | NodeGeneratorOptions;
  /** Report pods bound to simulated nodes Running and confirm their deletions (default false). */
  markRunning?: boolean;
  /** Lease renewal period per node (default 10, the kubelet's). */
  heartbeatSeconds?: number;
  /** How long a simulated pod takes to start (default 0). */
  podStartDelayMs?: number;
  /** API calls in flight at most, shared by all nodes (default 32). */
  concurrency?: number;
  /** Push synthetic metrics.k8s.io usage for the nodes' running pods (default: none). */
  metrics?: SimMetricsOptions;
  log?: SimLog;
}

interface KNode {
  metadata: { name: string; uid?: string; resourceVersion?: string };
  status?: unknown;
}

export class SimCluster {
  readonly nodes: SimNode[];
  readonly counters: SimCounters = newCounters();
  private readonly api: ApiClient;
  private readonly log: SimLog;
  private readonly limiter: Limiter;
  /** Lease renewals' own slots (see the constructor). */
  private readonly heartbeats: Limiter;
  private readonly silenced = new Set<string>();
  private readonly leases: LeaseRenewer;
  private readonly pods?: PodFollower;
  /** Synthetic usage pushes, when opted in. */
  readonly metrics?: SimMetrics;
  private started?: Promise<void>;
  private stopped?: Promise<void>;

  constructor(private readonly opts: SimClusterOptions) {
    this.api = opts.api;
    this.log = opts.log ?? (() => undefined);
    this.limiter = new Limiter(opts.concurrency ?? 32);
    // Heartbeats do not queue behind pod writes (nor the reverse), as the kubelet's separate heartbeat
    // client: with one shared FIFO, 1,000 nodes' renewals (100/s) held every pod write of a busy
    // simulator back, and bound pods waited for their Running status. A quarter of the slots: a
    // renewal still queued skips its beat (leases.ts), so heartbeats never crowd out the pods.
    this.heartbeats = new Limiter(Math.max(4, Math.ceil((opts.concurrency ?? 32) / 4)));
    const specs = Array.isArray(opts.nodes) ? opts.nodes : generateNodes(opts.nodes);
    this.nodes = specs.map(simNode);
    const names = new Set(specs.map((s) => s.name));
    if (names.size !== specs.length) throw new Error('SimCluster: node names must be unique');
    const isSilenced = (n: string) => this.silenced.has(n);
    const shared = { api: this.api, limiter: this.limiter, counters: this.counters, log: this.log, isSilenced };
    this.leases = new LeaseRenewer({ ...shared, limiter: this.heartbeats, intervalMs: (opts.heartbeatSeconds ?? 10) * 1000 });
    if (opts.markRunning) {
      const byName = new Map(this.nodes.map((node) => [node.spec.name, { node, pool: new PodIPPool(node.podCIDR) }]));
      this.pods = new PodFollower({ ...shared, nodes: byName, startDelayMs: opts.podStartDelayMs ?? 0 });
    }
    if (opts.metrics) this.metrics = new SimMetrics([...names], opts.metrics, shared);
  }

  /** Registers every node and its Lease, then keeps them alive. Resolves once all are registered. */
  start(): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('SimCluster: start() after stop()'));
    this.started ??= this.run();
    return this.started;
  }

  /** Stops heartbeats and pod handling, waiting (boundedly) for the calls in flight. */
  stop(timeoutMs = 10_000): Promise<void> {
    this.stopped ??= (async () => {
      this.leases.stop();
      const drained = Promise.all([this.metrics?.stop(), this.pods?.stop(), this.started?.catch(() => undefined), this.limiter.idle(), this.heartbeats.idle()]);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([drained, new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
      clearTimeout(timer);
    })();
    return this.stopped;
  }

  /** Stops the heartbeats (and pod handling) of these nodes, as if their hosts had died. */
  silence(nodeNames: Iterable<string>): void {
    const names = [...nodeNames];
    for (const n of names) this.silenced.add(n);
    this.leases.stats.forget(names);
  }

  /** Brings silenced nodes back: heartbeats resume and their pods are looked at again. */
  unsilence(nodeNames: Iterable<string>): void {
    const back = new Set<string>();
    for (const n of nodeNames) if (this.silenced.delete(n)) back.add(n);
    if (back.size) this.pods?.resync(back);
  }

  isSilenced(nodeName: string): boolean {
    return this.silenced.has(nodeName);
  }

  /** Pod (and metrics) API calls running or waiting for a slot: a benchmark's view of whether the simulator is behind. */
  get pendingCalls(): number {
    return this.limiter.load;
  }

  /** Heartbeat numbers since the previous call (queue wait, call time, longest gap between renewals). */
  takeHeartbeatStats(): HeartbeatSummary & { stalestMs: number; stalestNode?: string } {
    const stalest = this.leases.stats.stalest(performance.now());
    return { ...this.leases.stats.take(), stalestMs: stalest.ms, ...(stalest.node ? { stalestNode: stalest.node } : {}) };
  }

  /** Seconds since this node's Lease was last renewed (undefined before its first renewal or once silenced). */
  secondsSinceRenewal(nodeName: string): number | undefined {
    const ms = this.leases.stats.since(nodeName, performance.now());
    return ms === undefined ? undefined : ms / 1000;
  }

  /** Lease renewals running or waiting for a slot. */
  get pendingHeartbeats(): number {
    return this.heartbeats.load;
  }

  private async run(): Promise<void> {
    const registered: { name: string; uid?: string }[] = [];
    let failed = 0;
    await Promise.all(
      this.nodes.map((node) =>
        this.limiter.run(async () => {
          if (this.stopped) return;
          try {
            const uid = await retryTransient(() => this.register(node));
            await retryTransient(() => this.leases.renew(node.spec.name, uid));
            registered.push({ name: node.spec.name, uid });
            this.counters.nodesRegistered++;
          } catch (e) {
            failed++;
            this.counters.errors++;
            this.log('node registration failed', { node: node.spec.name, err: errText(e) });
          }
        }),
      ),
    );
    if (this.stopped) return;
    // Heartbeats go in node order whatever order registration finished in.
    const order = new Map(this.nodes.map((n, i) => [n.spec.name, i]));
    registered.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
    this.leases.start(registered);
    this.pods?.start();
    this.metrics?.start();
    this.log('simulated nodes registered', { nodes: registered.length, failed });
    if (failed) throw new Error(`SimCluster: ${failed} of ${this.nodes.length} nodes failed to register`);
  }

  /** Creates the Node, or takes over an existing one (a restarted simulator) by posting fresh status. */
  private async register(node: SimNode): Promise<string | undefined> {
    const now = Date.now();
    try {
      const created = await this.api.create<KNode>('/api/v1/nodes', nodeObject(node, now));
      return created.metadata.uid;
    } catch (e) {
      if (!(e instanceof StatusError && e.code === 409)) throw e;
    }
    const path = `/api/v1/nodes/${encodeURIComponent(node.spec.name)}`;
    for (let attempt = 0; ; attempt++) {
      const existing = await this.api.get<KNode>(path);
      try {
        const updated = await this.api.update<KNode>(`${path}/status`, { ...existing, status: nodeStatus(node, now) });
        return updated.metadata.uid;
      } catch (e) {
        if (attempt >= 3 || !(e instanceof StatusError && e.code === 409)) throw e;
      }
    }
  }
}
