// A batch of scheduling cycles: pop → scheduleOne (which assumes the pod on its node in the snapshot,
// so the next pod already sees it) → bind in the background, at most CONCURRENCY API calls at a time.
// Bindings go out in batches of up to BIND_BATCH pods (one API request, one D1 round trip for all):
// a batch is sent when it is full or when the queue runs dry, so a lone pod is bound at once. Pods
// whose volumes need a PreBind write are bound one by one after it.
// Stops taking pods at the deadline so one turn never holds the Durable Object for long.
import { preBindVolumes } from './plugins/volume-binding/prebind';
import type { ApiClient } from '../../kube/client';
import { bind, bindAll, evict, isCode, recordUnschedulable } from './actions';
import { podClaimNames } from './plugins/volume-binding';
import { yieldToIO } from '../../kube/event-loop/yield';
import type { SchedulerCache } from './cache';
import type { EventRecorder } from '../../kube/events/recorder';
import { customizeProfile, podScheduledCondition, scheduleOne, type Pod, type Profile, type ScheduleResult, type Snapshot } from './framework';
import type { QueuedPod, SchedulingQueue } from './queue';

/** The pod as an event's involvedObject (cached pods may lack apiVersion and kind). */
const podRef = (pod: Pod) => ({ ...pod, apiVersion: 'v1', kind: 'Pod' });

export const CONCURRENCY = 16;
/** Pods per batch binding request (the API takes at most 200). */
export const BIND_BATCH = 100;

export interface Counters {
  attempts: number;
  bound: number;
  conflicts: number;
  unschedulable: number;
  errors: number;
  preemptions: number;
  eventErrors: number;
  eventsDropped: number;
  lastEventError?: string;
  /** Wall-clock ms of the first scheduling attempt and of the last committed binding (benchmarks' span). */
  firstAttemptAt?: number;
  lastBoundAt?: number;
}

export interface CycleDeps {
  api: ApiClient;
  cache: SchedulerCache;
  queue: SchedulingQueue;
  profile: Profile;
  counters: Counters;
  events: EventRecorder;
}

/** Runs tasks with at most `limit` in flight. */
class Limiter {
  private readonly running = new Set<Promise<void>>();
  constructor(private readonly limit: number) {}

  async slot(): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running);
  }

  run(task: () => Promise<void>): void {
    const p: Promise<void> = task()
      .catch((e) => console.error(JSON.stringify({ msg: 'scheduler task failed', err: String((e as Error).message ?? e) })))
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.race(this.running);
  }
}

/** Schedules pods until the queue is empty or `deadline` passes; returns how many cycles ran. */
export async function scheduleBatch(deps: CycleDeps, deadline: number): Promise<number> {
  const limiter = new Limiter(CONCURRENCY);
  let toBind: Decided[] = [];
  const flush = () => {
    const b = toBind;
    toBind = [];
    if (b.length) limiter.run(() => bindMany(deps, b));
  };
  let n = 0;
  try {
    while (Date.now() < deadline) {
      if (toBind.length >= BIND_BATCH) {
        flush();
        // A timer, not a microtask: lets the API take the batch (and workerd read its sockets, and its
        // clock move for the deadline) before the next pods are decided.
        await yieldToIO();
      }
      await limiter.slot();
      const qp = deps.queue.pop();
      if (!qp) break;
      n++;
      deps.counters.attempts++;
      deps.counters.firstAttemptAt ??= Date.now();
      const pod = deps.cache.pod(qp.key) ?? qp.pod;
      const profile = eligibleToPreempt(pod, deps.cache.snapshot) ? deps.profile : withoutPreemption(deps.profile);
      let r: ScheduleResult;
      try {
        r = scheduleOne(pod, deps.cache.snapshot, profile, { pdbs: deps.cache.pdbs() });
      } catch (e) {
        // A plugin bug must not strand the pod in flight: count it and retry after back-off.
        deps.counters.errors++;
        deps.queue.errorAgain(qp.key);
        console.error(JSON.stringify({ msg: 'scheduling cycle threw', pod: qp.key, err: String((e as Error).message ?? e) }));
        continue;
      }
      if ('skipped' in r) deps.queue.done(qp.key);
      else if ('node' in r) {
        if (podClaimNames(pod).length > 0) limiter.run(() => bindOne(deps, qp, pod, r.node));
        else toBind.push({ qp, pod, node: r.node });
      } else limiter.run(() => failed(deps, qp, pod, r));
    }
  } finally {
    flush();
    // Every binding started this turn settles (and releases or keeps its reservation) before the next.
    await limiter.drain();
  }
  return n;
}

interface Decided {
  qp: QueuedPod;
  pod: Pod;
  node: string;
}

const noPreemption = new WeakMap<Profile, Profile>();
/** The same profile without PostFilter; kept per profile so the framework built for it is reused. */
function withoutPreemption(p: Profile): Profile {
  let q = noPreemption.get(p);
  if (!q) noPreemption.set(p, (q = customizeProfile(p, { disable: ['DefaultPreemption'] })));
  return q;
}

/**
 * Upstream's PodEligibleToPreemptOthers: a pod already nominated to a node where a lower-priority
 * victim is still terminating waits for it rather than choosing more victims on every retry.
 */
function eligibleToPreempt(pod: Pod, snapshot: Snapshot): boolean {
  const nominated = pod.status?.nominatedNodeName;
  const ni = nominated ? snapshot.get(nominated) : undefined;
  if (!ni) return true;
  const prio = pod.spec.priority ?? 0;
  return !ni.pods.some((p) => p.pod.metadata.deletionTimestamp && p.priority < prio);
}

async function bindOne(deps: CycleDeps, qp: QueuedPod, pod: Pod, node: string): Promise<void> {
  try {
    await preBindVolumes(deps.api, deps.cache.snapshot, pod, node);
    await bind(deps.api, pod, node);
  } catch (e) {
    notBound(deps, qp, pod, isCode(e, 409));
    return;
  }
  bound(deps, qp, pod, node);
}

async function bindMany(deps: CycleDeps, batch: Decided[]): Promise<void> {
  let results;
  try {
    results = await bindAll(deps.api, batch);
  } catch (e) {
    console.error(JSON.stringify({ msg: 'batch binding failed', pods: batch.length, err: String((e as Error).message ?? e) }));
    for (const d of batch) notBound(deps, d.qp, d.pod, false);
    return;
  }
  for (const [i, d] of batch.entries()) {
    const code = results[i].code;
    if (code === 201) bound(deps, d.qp, d.pod, d.node);
    else notBound(deps, d.qp, d.pod, code === 409);
  }
}

function bound(deps: CycleDeps, qp: QueuedPod, pod: Pod, node: string): void {
  deps.counters.bound++;
  deps.counters.lastBoundAt = Date.now();
  deps.queue.done(qp.key);
  void deps.events.record(podRef(pod), 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name} to ${node}`);
}

/**
 * Not bound: release the reservation. 409 means it has a node already (or is going away, or is another
 * pod by now): the feed will show which, so drop it; anything else is retried after the pod's back-off.
 */
function notBound(deps: CycleDeps, qp: QueuedPod, pod: Pod, conflicted: boolean): void {
  deps.cache.snapshot.forget(pod);
  if (conflicted) {
    deps.counters.conflicts++;
    deps.queue.done(qp.key);
  } else {
    deps.counters.errors++;
    deps.queue.errorAgain(qp.key);
  }
}

async function failed(deps: CycleDeps, qp: QueuedPod, pod: Pod, r: Extract<ScheduleResult, { unschedulable: unknown }>): Promise<void> {
  const d = r.unschedulable;
  const cond = podScheduledCondition(r)!;
  if (cond.reason === 'SchedulerError') {
    deps.counters.errors++;
    deps.queue.errorAgain(qp.key);
  } else {
    deps.counters.unschedulable++;
    // Preemption can help once victims go, and PDB changes can let it choose victims.
    deps.queue.unschedulableAgain(qp.key, new Set([...d.unschedulablePlugins, 'DefaultPreemption']));
  }
  if (d.nominatedNodeName) {
    deps.counters.preemptions++;
    const uid = pod.metadata.uid ?? '';
    await Promise.all(
      (d.victims ?? []).map(async (v) => {
        const victim = (deps.cache.pod(`${v.metadata.namespace ?? 'default'}/${v.metadata.name}`) ?? v) as Pod;
        await evict(deps.api, victim);
        void deps.events.record(podRef(victim), 'Normal', 'Preempted', `Preempted by pod ${uid} on node ${d.nominatedNodeName}`);
      }),
    );
  }
  try {
    await recordUnschedulable(deps.api, pod, cond, d.nominatedNodeName);
  } catch (e) {
    console.error(JSON.stringify({ msg: 'status update failed', pod: qp.key, err: String((e as Error).message ?? e) }));
  }
  void deps.events.record(podRef(pod), 'Warning', 'FailedScheduling', d.message);
}
