// One set of probe workers per running container (upstream's prober manager): startup first, then
// liveness and readiness. Results become the container's ready/started flags; liveness and startup
// failures become kill requests for the pod worker, which restarts the container per restart policy.
import type { ContainerRuntime } from '../../runtime/types';
import type { KubeletDeps, Probe, ProbeKind, ProbeWorkerLike } from '../deps';
import type { EventRecorder } from '../events';
import type { Container, Pod, ProbeState } from '../types';

export interface ProbeManagerOptions {
  deps: KubeletDeps;
  runtime: ContainerRuntime;
  hostIP: string;
  recorder: EventRecorder;
  /** A result changed something the pod's status or actions depend on. */
  onChange(podUid: string): void;
  /** A liveness or startup probe failed for good: the container must be killed. */
  onKill(podUid: string, containerId: string, message: string, graceSeconds: number): void;
}

interface Entry {
  podUid: string;
  workers: Map<ProbeKind, ProbeWorkerLike>;
  state: ProbeState;
}

const TITLE: Record<ProbeKind, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

export class ProbeManager {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly opts: ProbeManagerOptions) {}

  state(containerId: string): ProbeState {
    return this.entries.get(containerId)?.state ?? {};
  }

  /** Starts the container's probes once; later calls for the same container do nothing. */
  ensure(pod: Pod, c: Container, containerId: string, podIP: string): void {
    if (this.entries.has(containerId)) return;
    const uid = pod.metadata.uid ?? '';
    const entry: Entry = { podUid: uid, workers: new Map(), state: { started: !c.startupProbe, ...(c.readinessProbe ? { ready: false } : {}) } };
    this.entries.set(containerId, entry);
    const target = { podIP, hostIP: this.opts.hostIP, containerId, runtime: this.opts.runtime, container: c };
    const grace = (p: Probe) => p.terminationGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;

    const startWorker = (kind: ProbeKind, probe: Probe) => {
      const worker = this.opts.deps.newProbeWorker({
        kind,
        probe,
        run: async () => {
          const r = await this.opts.deps.runProbe(probe, target);
          if (this.entries.get(containerId) !== entry) return r;
          if (r.result === 'failure') this.opts.recorder.event(pod, c.name, 'Warning', 'Unhealthy', `${TITLE[kind]} probe failed: ${r.message ?? ''}`.trimEnd());
          // A startup probe's successThreshold is always 1: its first success starts the container,
          // whatever state the worker began in.
          if (kind === 'startup' && r.result === 'success' && !entry.state.started) markStarted();
          return r;
        },
        onResult: (ok) => {
          if (this.entries.get(containerId) !== entry) return;
          if (kind === 'readiness') {
            entry.state.ready = ok;
            this.opts.onChange(uid);
          } else if (kind === 'startup') {
            if (ok && !entry.state.started) markStarted();
            else if (!ok) this.opts.onKill(uid, containerId, `Container ${c.name} failed startup probe, will be restarted`, grace(probe));
          } else if (!ok) this.opts.onKill(uid, containerId, `Container ${c.name} failed liveness probe, will be restarted`, grace(probe));
        },
      });
      entry.workers.set(kind, worker);
      worker.start();
    };

    const markStarted = () => {
      entry.state.started = true;
      entry.workers.get('startup')?.stop();
      this.startAfterStartup(c, startWorker);
      this.opts.onChange(uid);
    };

    if (c.startupProbe) startWorker('startup', c.startupProbe);
    else this.startAfterStartup(c, startWorker);
  }

  private startAfterStartup(c: Container, start: (kind: ProbeKind, probe: Probe) => void): void {
    if (c.livenessProbe) start('liveness', c.livenessProbe);
    if (c.readinessProbe) start('readiness', c.readinessProbe);
  }

  remove(containerId: string): void {
    const e = this.entries.get(containerId);
    if (!e) return;
    for (const w of e.workers.values()) w.stop();
    this.entries.delete(containerId);
  }

  removePod(podUid: string): void {
    for (const [id, e] of this.entries) if (e.podUid === podUid) this.remove(id);
  }

  stop(): void {
    for (const id of [...this.entries.keys()]) this.remove(id);
  }
}
