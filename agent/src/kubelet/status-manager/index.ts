// Writes pod statuses to the API: only when they changed, at most one write in flight per pod, and the
// latest status wins over any that queued behind a slow write (upstream's status manager, simplified).
import type { ApiClient } from '../../../../workers/kube/client';
import { StatusError } from '../../../../workers/kube/status';
import { statusEqual, statusPatch } from '../status/compare';
import type { Log, Pod, V1PodStatus } from '../types';

interface Entry {
  path: string;
  /** What the API holds as far as we know (our last successful write, or what we read). */
  written?: V1PodStatus;
  latest?: V1PodStatus;
  writing: boolean;
  /** A write of ours succeeded. */
  wrote?: boolean;
  retryMs: number;
  timer?: NodeJS.Timeout;
}

export interface StatusManagerOptions {
  api: ApiClient;
  log?: Log;
  /** A write succeeded: the status sent and how long the request took (the start-up tracker's last step). */
  onWritten?: (uid: string, status: V1PodStatus, tookMs: number) => void;
}

const podPath = (pod: Pod) => `/api/v1/namespaces/${encodeURIComponent(pod.metadata.namespace ?? 'default')}/pods/${encodeURIComponent(pod.metadata.name ?? '')}`;

export class StatusManager {
  private readonly entries = new Map<string, Entry>();
  private readonly idle = new Set<() => void>();
  /** Successful writes, for tests and metrics. */
  writes = 0;

  constructor(private readonly opts: StatusManagerOptions) {}

  /** Queues `status` for the pod; a status equal to what the API holds is not written. */
  set(pod: Pod, status: V1PodStatus): void {
    const uid = pod.metadata.uid ?? '';
    let e = this.entries.get(uid);
    if (!e) {
      e = { path: podPath(pod), written: pod.status, writing: false, retryMs: 500 };
      this.entries.set(uid, e);
    }
    e.latest = status;
    this.pump(uid, e);
  }

  /**
   * The API's copy moved (a watch event). Only used before our first write: afterwards a watch event
   * may be an older echo of our own writes, and comparing with it would write the same status again.
   */
  observed(pod: Pod): void {
    const e = this.entries.get(pod.metadata.uid ?? '');
    if (e && !e.writing && !e.wrote) e.written = pod.status;
  }

  forget(uid: string): void {
    const e = this.entries.get(uid);
    clearTimeout(e?.timer);
    this.entries.delete(uid);
    this.notifyIdle();
  }

  /** Resolves when the pod's latest status was written (or given up on: the pod is gone). */
  settle(uid: string): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        const e = this.entries.get(uid);
        if (!e || (!e.writing && !e.timer && (!e.latest || statusEqual(e.latest, e.written)))) return resolve();
        this.idle.add(check);
      };
      check();
    });
  }

  /** Resolves when no write is in flight or pending. */
  flush(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => (this.isIdle() ? resolve() : this.idle.add(check));
      check();
    });
  }

  busy(): boolean {
    return !this.isIdle();
  }

  /**
   * Resolves when no status write is in flight (retries waiting on a timer do not count), or after
   * `maxMs`. Event writes wait for it: a pod's Ready status should not queue behind its Started event.
   */
  writesSettled(maxMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, maxMs);
      const check = () => ([...this.entries.values()].some((e) => e.writing) ? this.idle.add(check) : done());
      function done() {
        clearTimeout(timer);
        resolve();
      }
      check();
    });
  }

  stop(): void {
    for (const e of this.entries.values()) clearTimeout(e.timer);
    this.entries.clear();
    this.notifyIdle();
  }

  private isIdle(): boolean {
    for (const e of this.entries.values()) if (e.writing || e.timer || (e.latest && !statusEqual(e.latest, e.written))) return false;
    return true;
  }

  /** Re-checks every waiter (settle waiters look at one pod, flush waiters at all). */
  private notifyIdle(): void {
    const waiters = [...this.idle];
    this.idle.clear();
    for (const w of waiters) w();
  }

  private pump(uid: string, e: Entry): void {
    if (e.writing || e.timer) return;
    const next = e.latest;
    if (!next || statusEqual(next, e.written)) return this.notifyIdle();
    e.writing = true;
    const t0 = performance.now();
    this.opts.api
      .patch<Pod>(`${e.path}/status`, statusPatch(e.written, next))
      .then(
        (pod) => {
          e.written = (pod?.status as V1PodStatus | undefined) ?? next;
          // The server's copy may differ only in fields we do not own; compare with what we sent.
          if (statusEqual(e.written, next)) e.written = next;
          e.retryMs = 500;
          e.wrote = true;
          this.writes++;
          this.opts.onWritten?.(uid, next, performance.now() - t0);
        },
        (err: unknown) => {
          if (err instanceof StatusError && err.code === 404) {
            this.entries.delete(uid);
            return;
          }
          this.opts.log?.('pod status write failed', { path: e.path, err: (err as Error).message });
          e.timer = setTimeout(() => {
            e.timer = undefined;
            this.pump(uid, e);
          }, e.retryMs);
          e.retryMs = Math.min(e.retryMs * 2, 10_000);
        },
      )
      .finally(() => {
        e.writing = false;
        if (this.entries.get(uid) === e) this.pump(uid, e);
        this.notifyIdle();
      });
  }
}
