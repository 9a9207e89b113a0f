// The scheduling queue, after kube-scheduler's: an active heap (higher spec.priority first, then the
// longest waiting), a back-off queue (per-pod exponential delay 1s→10s after each failed attempt), and
// an unschedulable set whose pods go back only when an event could make them fit, or after 60 s.
import { WorkQueue } from '../../../controllers/src/runtime/queue';
import type { Pod } from '../framework';
import { LazyHeap, type HeapEntry } from './heap';

export const INITIAL_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 10_000;
/** Unschedulable pods are retried at least this often even without a relevant event. */
export const UNSCHEDULABLE_FLUSH_MS = 60_000;

/** Cluster changes that may make a rejected pod fit. */
export type ClusterEvent = 'NodeAdd' | 'NodeUpdate' | 'AssignedPodAdd' | 'AssignedPodDelete' | 'PdbChange' | 'VolumeChange';

/** Which rejecting plugins an event can help (upstream's queueing hints, coarsened). */
const HELPS: Record<ClusterEvent, ((plugin: string) => boolean) | 'all'> = {
  NodeAdd: 'all',
  NodeUpdate: 'all',
  // Freed resources, ports or topology counts; taints and node labels do not change.
  AssignedPodDelete: (p) => !['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity'].includes(p),
  // A new neighbour can only satisfy affinity or even out a spread.
  AssignedPodAdd: (p) => p === 'InterPodAffinity' || p === 'PodTopologySpread',
  PdbChange: (p) => p === 'DefaultPreemption',
  // A claim, volume or class appeared or changed (bound, provisioned).
  VolumeChange: (p) => p === 'VolumeBinding',
};

export interface QueuedPod {
  key: string;
  pod: Pod;
  /** When it last entered the active queue: orders pods of equal priority. */
  timestamp: number;
  /** Failed scheduling attempts so far (drives the back-off). */
  attempts: number;
  backoffUntil: number;
  unschedulablePlugins: ReadonlySet<string>;
  unschedulableSince: number;
  /** moveCount when it was popped: a move during its cycle sends it to back-off, not to the set. */
  popMove: number;
}

interface ActiveEntry extends HeapEntry {
  priority: number;
  timestamp: number;
}

const byPriorityThenAge = (a: ActiveEntry, b: ActiveEntry) => a.priority > b.priority || (a.priority === b.priority && a.timestamp < b.timestamp);

export class SchedulingQueue {
  private readonly pods = new Map<string, QueuedPod>();
  private readonly active = new LazyHeap<ActiveEntry>(byPriorityThenAge);
  private readonly backoff = new WorkQueue(INITIAL_BACKOFF_MS, MAX_BACKOFF_MS);
  private readonly unschedulable = new Set<string>();
  /** Popped and not yet done: updates are recorded but the pod is not queued twice. */
  private readonly inFlight = new Set<string>();
  private moveCount = 0;

  constructor(private readonly now: () => number = Date.now) {}

  get stats() {
    return { active: this.active.size, backoff: this.backoff.size, unschedulable: this.unschedulable.size, inFlight: this.inFlight.size };
  }

  has(key: string): boolean {
    return this.pods.has(key);
  }

  /**
   * A pending pod was seen (new or updated). `changed`: its spec or labels changed in a way that may
   * change the verdict, so it leaves back-off or the unschedulable set at once (as upstream on update).
   */
  upsert(key: string, pod: Pod, changed = true): void {
    const qp = this.pods.get(key);
    if (!qp) {
      const t = this.now();
      this.pods.set(key, { key, pod, timestamp: t, attempts: 0, backoffUntil: 0, unschedulablePlugins: new Set(), unschedulableSince: 0, popMove: 0 });
      this.pushActive(key, pod, t);
      return;
    }
    qp.pod = pod;
    if (this.inFlight.has(key)) return;
    if (this.active.has(key)) this.pushActive(key, pod, qp.timestamp);
    else if (changed && this.unschedulable.has(key)) this.release(qp);
  }

  delete(key: string): void {
    this.pods.delete(key);
    this.active.delete(key);
    this.unschedulable.delete(key);
    this.inFlight.delete(key);
    // A back-off entry for a deleted key is skipped when it comes due.
  }

  /** The next pod to schedule, marked in flight until done() or a requeue. */
  pop(): QueuedPod | undefined {
    for (;;) {
      const e = this.active.pop();
      if (!e) return undefined;
      const qp = this.pods.get(e.key);
      if (!qp) continue;
      this.inFlight.add(e.key);
      qp.popMove = this.moveCount;
      return qp;
    }
  }

  /** Scheduled (or no longer ours): forget it entirely. */
  done(key: string): void {
    this.delete(key);
  }

  /** No node fits: park it until an event that one of `plugins` cares about (or the flush). */
  unschedulableAgain(key: string, plugins: ReadonlySet<string>): void {
    const qp = this.pods.get(key);
    if (!qp || !this.inFlight.delete(key)) return;
    const now = this.now();
    qp.attempts++;
    qp.backoffUntil = now + backoffFor(qp.attempts);
    qp.unschedulablePlugins = plugins;
    // Something moved while it was being scheduled: that change was not in its snapshot, retry.
    if (qp.popMove !== this.moveCount) return this.toBackoff(qp);
    qp.unschedulableSince = now;
    this.unschedulable.add(key);
  }

  /** An error (binding failed, API trouble): retry after the pod's back-off. */
  errorAgain(key: string): void {
    const qp = this.pods.get(key);
    if (!qp || !this.inFlight.delete(key)) return;
    qp.attempts++;
    qp.backoffUntil = this.now() + backoffFor(qp.attempts);
    this.toBackoff(qp);
  }

  /** A cluster change: release the unschedulable pods it may help. */
  onEvent(event: ClusterEvent): number {
    this.moveCount++;
    const helps = HELPS[event];
    let moved = 0;
    for (const key of [...this.unschedulable]) {
      const qp = this.pods.get(key)!;
      const plugins = [...qp.unschedulablePlugins];
      if (helps === 'all' || plugins.length === 0 || plugins.some(helps)) {
        this.release(qp);
        moved++;
      }
    }
    return moved;
  }

  /** Moves pods whose back-off expired to the active queue, and flushes long-parked unschedulable pods. */
  flush(): void {
    const now = this.now();
    for (const key of this.backoff.takeDue(now)) {
      const qp = this.pods.get(key);
      if (qp && !this.inFlight.has(key) && !this.unschedulable.has(key) && !this.active.has(key)) this.pushActive(key, qp.pod, now);
    }
    for (const key of [...this.unschedulable]) {
      const qp = this.pods.get(key)!;
      if (now - qp.unschedulableSince >= UNSCHEDULABLE_FLUSH_MS) this.release(qp);
    }
  }

  /** When flush() next has something to do (undefined: nothing waits on time). */
  nextDue(): number | undefined {
    let next = this.backoff.nextDue();
    for (const key of this.unschedulable) {
      const at = this.pods.get(key)!.unschedulableSince + UNSCHEDULABLE_FLUSH_MS;
      if (next === undefined || at < next) next = at;
    }
    return next;
  }

  private release(qp: QueuedPod): void {
    this.unschedulable.delete(qp.key);
    if (qp.backoffUntil > this.now()) this.toBackoff(qp);
    else this.pushActive(qp.key, qp.pod, this.now());
  }

  private toBackoff(qp: QueuedPod): void {
    this.backoff.add(qp.key, qp.backoffUntil);
  }

  private pushActive(key: string, pod: Pod, timestamp: number): void {
    const qp = this.pods.get(key);
    if (qp) qp.timestamp = timestamp;
    this.active.push({ key, priority: pod.spec.priority ?? 0, timestamp });
  }
}

/** 1s, 2s, 4s, 8s, then 10s. */
export const backoffFor = (attempts: number) => Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
