// The kubelet's part for simulated nodes: follow every pod bound to one of them (one list+watch for
// the whole simulator, not one per node), report new pods Running and Ready, and confirm graceful
// deletions with a zero-grace delete as the kubelet does once containers have stopped.
import type { ApiClient } from '../../../workers/kube/client';
import { StatusError } from '../../../workers/kube/status';
import { listWatch } from '../http/list-watch';
import type { Limiter } from './limiter';
import type { PodIPPool } from './addresses';
import type { SimNode } from './objects';
import { exitedStatus, exitPlan, finishesOnExit, needsStart, readyOverridden, readyRestoredStatus, runningStatus, type SimPod } from './pod-status';
import { errText, type SimCounters, type SimLog } from './types';

export interface PodFollowerOptions {
  api: ApiClient;
  limiter: Limiter;
  nodes: Map<string, { node: SimNode; pool: PodIPPool }>;
  startDelayMs: number;
  counters: SimCounters;
  log: SimLog;
  isSilenced(node: string): boolean;
}

const MAX_RETRIES = 8;
const podPath = (p: SimPod) => `/api/v1/namespaces/${encodeURIComponent(p.metadata.namespace ?? 'default')}/pods/${encodeURIComponent(p.metadata.name)}`;
const keyOf = (p: SimPod) => p.metadata.uid ?? `${p.metadata.namespace}/${p.metadata.name}`;

export class PodFollower {
  /** Latest copy of each pod bound to a simulated node, by uid. */
  private readonly pods = new Map<string, SimPod>();
  /** Pod IPs handed out, by uid, so a retried status write reuses the same address. */
  private readonly ips = new Map<string, string>();
  /** Pods with a reconcile scheduled or running (at most one each). */
  private readonly busy = new Set<string>();
  /** Busy pods that changed meanwhile: looked at again when the current reconcile ends. */
  private readonly dirty = new Set<string>();
  /** Pods this simulator reported Running, so a stale copy from the watch does not start them twice. */
  private readonly marked = new Set<string>();
  /** Running pods with a pending simulated container exit (the exit-after-ms annotation), by uid. */
  private readonly exits = new Map<string, NodeJS.Timeout>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly abort = new AbortController();
  private loop?: Promise<void>;

  constructor(private readonly opts: PodFollowerOptions) {}

  start(): void {
    this.loop ??= listWatch<SimPod>({
      api: this.opts.api,
      path: '/api/v1/pods',
      params: { fieldSelector: 'spec.nodeName!=' },
      signal: this.abort.signal,
      onList: (items) => this.replace(items),
      onEvent: (type, pod) => (type === 'DELETED' ? this.forget(pod) : this.observe(pod)),
      onError: (e) => {
        this.opts.counters.errors++;
        this.opts.log('pod watch failed', { err: errText(e) });
      },
      onRestart: () => this.opts.counters.watchRestarts++,
    });
  }

  async stop(): Promise<void> {
    this.abort.abort();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.loop;
  }

  /** Looks again at the pods of `nodes` (after they come back from silence). */
  resync(nodes: Set<string>): void {
    for (const pod of this.pods.values()) if (nodes.has(pod.spec?.nodeName ?? '')) this.schedule(pod, 0, 0);
  }

  private replace(items: SimPod[]): void {
    const seen = new Set(items.map(keyOf));
    for (const pod of [...this.pods.values()]) if (!seen.has(keyOf(pod))) this.forget(pod);
    for (const pod of items) this.observe(pod);
  }

  private observe(pod: SimPod): void {
    const entry = this.opts.nodes.get(pod.spec?.nodeName ?? '');
    if (!entry) return;
    const key = keyOf(pod);
    this.pods.set(key, pod);
    const ip = pod.status?.podIP;
    if (ip && !this.ips.has(key) && !pod.spec?.hostNetwork) {
      // A pod that was running before this simulator started keeps its address.
      entry.pool.reserve(ip);
      this.ips.set(key, ip);
    }
    if (pod.metadata.deletionTimestamp) this.schedule(pod, 0, 0);
    else if (needsStart(pod) && !this.marked.has(key)) this.schedule(pod, this.opts.startDelayMs, 0);
    else if (readyOverridden(pod)) this.schedule(pod, 0, 0);
    else this.armExit(pod);
  }

  /** A running pod that asked to exit gets a timer (counted from its start, so a restarted simulator keeps the plan). */
  private armExit(pod: SimPod): void {
    const key = keyOf(pod);
    const plan = exitPlan(pod);
    if (!plan || this.exits.has(key) || pod.status?.phase !== 'Running' || this.abort.signal.aborted) return;
    const running = (pod.status?.containerStatuses ?? []).map((c) => Date.parse(String((c.state?.running as { startedAt?: string } | undefined)?.startedAt ?? '')));
    const since = Math.max(...running.filter((t) => !Number.isNaN(t)), Date.parse(pod.status?.startTime ?? '') || 0);
    const delay = Math.max(0, (since > 0 ? since : Date.now()) + plan.afterMs - Date.now());
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const latest = this.pods.get(key);
      if (!latest || latest.metadata.deletionTimestamp || latest.status?.phase !== 'Running' || this.opts.isSilenced(latest.spec?.nodeName ?? '')) return void this.exits.delete(key);
      this.opts.limiter
        .run(() => this.opts.api.patch(`${podPath(latest)}/status`, { status: exitedStatus(latest, plan.code, Date.now()) }))
        .then(
          () => {
            this.opts.counters.podsExited++;
            // A restarted container runs again: the next status from the watch re-arms the timer.
            if (!finishesOnExit(latest, plan.code)) this.exits.delete(key);
          },
          (e: unknown) => {
            this.exits.delete(key);
            if (e instanceof StatusError && e.code === 404) return;
            this.opts.counters.errors++;
            this.opts.log('pod exit failed', { pod: `${latest.metadata.namespace}/${latest.metadata.name}`, err: errText(e) });
            // Try again a second later (or sooner, on the pod's next event).
            const retry = setTimeout(() => {
              this.timers.delete(retry);
              const again = this.pods.get(key);
              if (again) this.armExit(again);
            }, 1000);
            this.timers.add(retry);
          },
        );
    }, delay);
    this.exits.set(key, timer);
    this.timers.add(timer);
  }

  private forget(pod: SimPod): void {
    const key = keyOf(pod);
    this.pods.delete(key);
    this.marked.delete(key);
    const exit = this.exits.get(key);
    if (exit) {
      clearTimeout(exit);
      this.timers.delete(exit);
    }
    this.exits.delete(key);
    const ip = this.ips.get(key);
    if (ip) this.opts.nodes.get(pod.spec?.nodeName ?? '')?.pool.release(ip);
    this.ips.delete(key);
  }

  /** Reconciles the pod after `delayMs`, against its latest copy then. */
  private schedule(pod: SimPod, delayMs: number, attempt: number): void {
    const key = keyOf(pod);
    if (this.abort.signal.aborted) return;
    if (this.busy.has(key)) return void this.dirty.add(key);
    this.busy.add(key);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const latest = this.pods.get(key);
      if (!latest || this.abort.signal.aborted) return void this.busy.delete(key);
      this.opts.limiter
        .run(() => this.reconcile(latest))
        .then(
          () => {
            this.busy.delete(key);
            const again = this.dirty.delete(key) && this.pods.get(key);
            if (again) this.schedule(again, 0, 0);
          },
          (e: unknown) => {
            this.busy.delete(key);
            this.dirty.delete(key);
            this.opts.counters.errors++;
            this.opts.log('pod update failed', { pod: `${latest.metadata.namespace}/${latest.metadata.name}`, node: latest.spec?.nodeName, attempt, err: errText(e) });
            if (attempt + 1 < MAX_RETRIES) this.schedule(latest, Math.min(30_000, 250 * 2 ** attempt), attempt + 1);
          },
        );
    }, delayMs);
    this.timers.add(timer);
  }

  private async reconcile(pod: SimPod): Promise<void> {
    const nodeName = pod.spec?.nodeName ?? '';
    // A silenced node is a dead kubelet: its pods wait, as they would on a real failed node.
    if (this.opts.isSilenced(nodeName) || this.abort.signal.aborted) return;
    if (pod.metadata.deletionTimestamp) return this.confirmDeletion(pod);
    if (needsStart(pod) && !this.marked.has(keyOf(pod))) return this.markRunning(pod, nodeName);
    if (readyOverridden(pod)) return this.restoreReady(pod);
  }

  /** Writes the kubelet's view (all containers ready) back over a Ready=False someone else wrote. */
  private async restoreReady(pod: SimPod): Promise<void> {
    try {
      await this.opts.api.patch(`${podPath(pod)}/status`, { status: readyRestoredStatus(pod, Date.now()) });
    } catch (e) {
      if (e instanceof StatusError && e.code === 404) return;
      throw e;
    }
    this.opts.counters.podsReadyRestored++;
  }

  private async markRunning(pod: SimPod, nodeName: string): Promise<void> {
    const entry = this.opts.nodes.get(nodeName);
    if (!entry) return;
    const key = keyOf(pod);
    let ip = this.ips.get(key);
    if (!ip && !pod.spec?.hostNetwork) {
      ip = entry.pool.allocate();
      if (!ip) throw new Error(`pod CIDR ${entry.node.podCIDR} of node ${nodeName} is full`);
      this.ips.set(key, ip);
    }
    const status = runningStatus(pod, entry.node.ip, ip ?? entry.node.ip, Date.now());
    try {
      await this.opts.api.patch(`${podPath(pod)}/status`, { status });
    } catch (e) {
      if (e instanceof StatusError && e.code === 404) return; // deleted meanwhile
      throw e;
    }
    this.marked.add(key);
    this.opts.counters.podsMarkedRunning++;
  }

  private async confirmDeletion(pod: SimPod): Promise<void> {
    // A pod held by finalizers outlives its containers: report them killed (a terminal phase), as
    // the kubelet does, so whoever holds the finalizer (the Job controller) sees how it ended.
    const phase = pod.status?.phase;
    if ((pod.metadata.finalizers?.length ?? 0) > 0 && phase !== 'Succeeded' && phase !== 'Failed') {
      const stopped = { ...pod, spec: { ...pod.spec, restartPolicy: 'Never' } };
      const wrote = await this.opts.api.patch(`${podPath(pod)}/status`, { status: exitedStatus(stopped, 137, Date.now()) }).then(
        () => true,
        (e: unknown) => {
          if (e instanceof StatusError && e.code === 404) return false;
          throw e;
        },
      );
      if (!wrote) return;
    }
    try {
      await this.opts.api.delete(podPath(pod), { gracePeriodSeconds: 0, ...(pod.metadata.uid ? { preconditions: { uid: pod.metadata.uid } } : {}) });
    } catch (e) {
      // Already gone, or the name now belongs to a new pod.
      if (e instanceof StatusError && (e.code === 404 || e.code === 409)) return;
      throw e;
    }
    this.opts.counters.podsDeleted++;
  }
}
