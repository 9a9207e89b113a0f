// Node heartbeats: each simulated node renews its Lease in kube-node-lease every interval, like the
// kubelet. Renewals are spread evenly over the interval (not all at :00) and share the cluster's
// concurrency limit; a node whose previous renewal is still queued skips a beat instead of piling up.
import type { ApiClient } from '../../../workers/kube/client';
import { StatusError } from '../../../workers/kube/status';
import { HeartbeatStats } from './heartbeat-stats';
import type { Limiter } from './limiter';
import { LEASE_DURATION_SECONDS, LEASE_NAMESPACE, leaseObject, microTimeOf, type LeaseObject } from './objects';
import { errText, type SimCounters, type SimLog } from './types';

export interface LeaseRenewerOptions {
  api: ApiClient;
  limiter: Limiter;
  intervalMs: number;
  counters: SimCounters;
  log: SimLog;
  isSilenced(node: string): boolean;
}

const leasePath = (node: string) => `/apis/coordination.k8s.io/v1/namespaces/${LEASE_NAMESPACE}/leases/${encodeURIComponent(node)}`;
const is = (e: unknown, code: number) => e instanceof StatusError && e.code === code;

export class LeaseRenewer {
  /** The last Lease written per node, so a renewal is one PUT (as the kubelet does). */
  private readonly cached = new Map<string, LeaseObject>();
  private readonly uids = new Map<string, string | undefined>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pending = new Set<string>();
  private stopped = false;
  /** Queue wait, call time and gaps of the renewals, for benchmarks. */
  readonly stats = new HeartbeatStats();

  constructor(private readonly opts: LeaseRenewerOptions) {}

  /** Schedules renewals for `nodes` (in order), the i-th at offset i/n of the interval. */
  start(nodes: { name: string; uid?: string }[]): void {
    const n = nodes.length;
    nodes.forEach(({ name, uid }, i) => {
      this.uids.set(name, uid);
      const first = setTimeout(() => {
        this.timers.delete(first);
        if (this.stopped) return;
        this.tick(name);
        const every = setInterval(() => this.tick(name), this.opts.intervalMs);
        this.timers.add(every);
      }, Math.floor((i * this.opts.intervalMs) / Math.max(1, n)));
      this.timers.add(first);
    });
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private tick(node: string): void {
    if (this.stopped || this.opts.isSilenced(node)) return;
    if (this.pending.has(node)) return void this.stats.skip();
    this.pending.add(node);
    const queued = performance.now();
    this.opts.limiter
      .run(async () => {
        if (this.stopped) return;
        const started = performance.now();
        await this.renew(node);
        const done = performance.now();
        this.stats.renewed(node, started - queued, done - started, done);
      })
      .catch((e: unknown) => {
        this.stats.failed();
        this.opts.counters.errors++;
        this.opts.log('lease renewal failed', { node, err: errText(e) });
      })
      .finally(() => this.pending.delete(node));
  }

  /** Renews (or creates) the node's Lease now. */
  async renew(node: string, uid = this.uids.get(node)): Promise<void> {
    this.uids.set(node, uid);
    const { api, counters } = this.opts;
    const now = Date.now();
    let current = this.cached.get(node) ?? (await api.getOrNull<LeaseObject>(leasePath(node)));
    for (let attempt = 0; ; attempt++) {
      try {
        const written = current
          ? await api.update<LeaseObject>(leasePath(node), {
              ...current,
              spec: { ...current.spec, holderIdentity: node, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: microTimeOf(now) },
            })
          : await api.create<LeaseObject>(`/apis/coordination.k8s.io/v1/namespaces/${LEASE_NAMESPACE}/leases`, leaseObject(node, uid, now));
        this.cached.set(node, written);
        counters.leasesRenewed++;
        return;
      } catch (e) {
        this.cached.delete(node);
        // Someone else wrote the Lease (or removed it): start again from what is stored, once.
        if (attempt > 0 || !(is(e, 409) || is(e, 404))) throw e;
        current = await api.getOrNull<LeaseObject>(leasePath(node));
      }
    }
  }
}
