// Where a pod's start-up time goes on this node, from the moment the kubelet first sees the pod bound here
// to the first status write that says Running and Ready. One log line per started pod ("pod started"),
// like upstream's pod startup latency tracker ("Observed pod startup duration"). The cost when nobody reads
// it is a few clock reads per step of a pod's first start; pods that are already running when first seen
// (an agent restart) are not tracked.
import type { Log, Pod, V1PodStatus } from '../types';

/** The steps of a first start, in the order they happen. */
export const STARTUP_SPANS = ['queued', 'observe', 'volumes', 'sandbox', 'image', 'config', 'create', 'start', 'report', 'statusWrite'] as const;
export type StartupSpan = (typeof STARTUP_SPANS)[number];

/** One pod's start: time spent per step (ms, summed over passes) and wall-clock marks for outside observers. */
export class StartupTrace {
  /** Epoch ms when the pod was first seen (comparable with another process's Date.now()). */
  readonly seenAt = Date.now();
  private readonly t0 = performance.now();
  readonly spans: Partial<Record<StartupSpan, number>> = {};
  /** Set when the first sync pass begins (the rest of `queued` is waiting for the pod worker). */
  private synced = false;
  /** The Ready status was handed to the status manager (ms since seen). */
  readyAt?: number;

  constructor(readonly pod: string) {}

  /** Later passes (after the Ready status was handed over) are not part of the start. */
  add(name: StartupSpan, ms: number): void {
    if (this.readyAt !== undefined && name !== 'statusWrite') return;
    this.spans[name] = (this.spans[name] ?? 0) + ms;
  }

  /** Times `f` under `name` (also when it throws). */
  async span<T>(name: StartupSpan, f: () => Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await f();
    } finally {
      this.add(name, performance.now() - t);
    }
  }

  /** The first sync pass starts: from seen to here is the pod worker's queue. */
  syncStarted(): void {
    if (this.synced) return;
    this.synced = true;
    this.add('queued', this.elapsed());
  }

  elapsed(): number {
    return performance.now() - this.t0;
  }
}

/** `f` timed under `name` when there is a trace, else just `f`. */
export function timed<T>(trace: StartupTrace | undefined, name: StartupSpan, f: () => Promise<T>): Promise<T> {
  return trace ? trace.span(name, f) : f();
}

const isReady = (s: V1PodStatus | undefined) => s?.phase === 'Running' && !!s.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

/** Only pods that have not run yet: a pod already Running (adopted after a restart) has no start to time. */
const notStartedYet = (pod: Pod) => !pod.metadata.deletionTimestamp && !(pod.status?.containerStatuses ?? []).some((c) => c.state?.running || c.state?.terminated) && !['Succeeded', 'Failed', 'Running'].includes(pod.status?.phase ?? '');

export class StartupTracker {
  private readonly traces = new Map<string, StartupTrace>();

  constructor(private readonly log: Log) {}

  /** The pod was seen (list or watch). Starts a trace the first time a pod that has not run yet shows up. */
  seen(uid: string, pod: Pod): void {
    if (!this.traces.has(uid) && notStartedYet(pod)) this.traces.set(uid, new StartupTrace(`${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`));
  }

  get(uid: string): StartupTrace | undefined {
    return this.traces.get(uid);
  }

  /** A status was handed to the status manager; remembers when it first said Ready. */
  reported(uid: string, status: V1PodStatus): void {
    const t = this.traces.get(uid);
    if (t && t.readyAt === undefined && isReady(status)) t.readyAt = t.elapsed();
  }

  /** A status write succeeded (`tookMs` the request): the first Ready one ends the trace with its log line. */
  written(uid: string, status: V1PodStatus, tookMs: number): void {
    const t = this.traces.get(uid);
    if (!t || !isReady(status)) return;
    this.traces.delete(uid);
    t.add('statusWrite', tookMs);
    const spans = Object.fromEntries(STARTUP_SPANS.filter((s) => t.spans[s] !== undefined).map((s) => [s, Math.round(t.spans[s]!)]));
    this.log('pod started', { pod: t.pod, uid, totalMs: Math.round(t.elapsed()), readyMs: Math.round(t.readyAt ?? NaN), seenAt: t.seenAt, writtenAt: Date.now(), spans });
  }

  /** The pod is gone or will not start (deleted): no line for it. */
  forget(uid: string): void {
    this.traces.delete(uid);
  }

  size(): number {
    return this.traces.size;
  }
}
