// Runs one probe of one container periodically and turns single results into a state, with the
// kubelet's rules: nothing before initialDelaySeconds, then every periodSeconds; the state flips only
// after successThreshold / failureThreshold consecutive results; an "unknown" result (the probe could
// not run) is thrown away. Readiness starts failed and liveness successful; startup starts "not yet"
// (upstream's Unknown), so its first success is reported as a change, after which it stops.
import type { Probe, ProbeResult } from './types';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

export interface ProbeWorkerOptions {
  kind: ProbeKind;
  probe: Probe;
  run: () => Promise<ProbeResult>;
  /**
   * Called on every state change; for liveness and startup also each time failureThreshold
   * consecutive failures are reached again (the container should be restarted each time).
   */
  onResult: (ok: boolean, message?: string) => void;
}

export class ProbeWorker {
  private ok: boolean;
  private last: 'success' | 'failure' | undefined;
  private run_ = 0;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = true;

  constructor(private readonly opts: ProbeWorkerOptions) {
    this.ok = opts.kind === 'liveness';
  }

  /** The current state: ready / alive / started (a startup failure reads false as well). */
  get state(): boolean {
    return this.ok;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule((this.opts.probe.initialDelaySeconds ?? 0) * 1000);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private get period() {
    return Math.max(1, this.opts.probe.periodSeconds ?? 10) * 1000;
  }

  private schedule(ms: number) {
    this.timer = setTimeout(() => this.tick(), ms);
  }

  /** Like a ticker: the next tick is due one period after this one; a tick during a slow probe is skipped. */
  private tick() {
    if (this.stopped) return;
    this.schedule(this.period);
    if (this.running) return;
    this.running = true;
    this.opts
      .run()
      .catch((e: Error): ProbeResult => ({ result: 'unknown', message: e.message }))
      .then((r) => {
        this.running = false;
        if (!this.stopped) this.record(r);
      });
  }

  private record(r: ProbeResult) {
    if (r.result === 'unknown') return;
    if (r.result === this.last) this.run_++;
    else {
      this.last = r.result;
      this.run_ = 1;
    }
    const p = this.opts.probe;
    const threshold = r.result === 'success' ? Math.max(1, p.successThreshold ?? 1) : Math.max(1, p.failureThreshold ?? 3);
    if (this.run_ < threshold) return;
    const ok = r.result === 'success';
    const changed = ok !== this.ok;
    this.ok = ok;
    if (!ok && this.opts.kind !== 'readiness') {
      // The container will be restarted: count afresh, so a container that is not restarted is
      // reported again after another failureThreshold failures.
      this.run_ = 0;
      this.opts.onResult(false, r.message);
      return;
    }
    if (changed) this.opts.onResult(ok, r.message);
    // A started container is never startup-probed again.
    if (ok && this.opts.kind === 'startup') this.stop();
  }
}
