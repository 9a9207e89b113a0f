// The kubelet core: follows the pods bound to this node (list+watch), runs one serialized worker per
// pod against the container runtime, reacts to container deaths at once and relists the runtime as a
// fallback, and answers the stream relays' lookups (PodLocator).
import type { ApiClient } from '../../../workers/kube/client';
import { listWatch } from '../http/list-watch';
import { LABELS, type ContainerRuntime, type RuntimeObjectState } from '../runtime/types';
import type { Located, PodLocator } from '../tunnel/types';
import { Backoff } from './backoff';
import { defaultDeps, type KubeletDeps } from './deps';
import { EventRecorder } from './events';
import { locateAddress, locateContainer } from './locator';
import { PodWorkers } from './pod-workers';
import { ProbeManager } from './probe-manager';
import { StartupTracker } from './startup';
import { StatusManager } from './status-manager';
import { KUBELET_CONDITIONS } from './status/conditions';
import { PodState, type SyncContext } from './sync/context';
import { observe, syncPod } from './sync/sync-pod';
import { removePodResources, syncTerminating } from './sync/terminate';
import { podKey, type Log, type Pod } from './types';

export interface KubeletOptions {
  api: ApiClient;
  runtime: ContainerRuntime;
  nodeName: string;
  hostIP: string;
  /** Pod directories (volumes, termination messages) live under here. */
  rootDir: string;
  clusterDNS?: string[];
  /** Default cluster.local. */
  clusterDomain?: string;
  /** The runtime network pods attach to (default: the runtime's). */
  podNetwork?: string;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  /** Replaces collaborators (volumes, env, probes, hooks, object reads), e.g. in tests. */
  deps?: Partial<KubeletDeps>;
  /** How often the runtime is relisted to catch missed events (default 3 s). */
  relistMs?: number;
  /** How often every pod is synced regardless (volume contents, config errors; default 60 s). */
  resyncMs?: number;
}

const TERMINAL = new Set(['Succeeded', 'Failed']);

export class Kubelet implements PodLocator {
  private readonly pods = new Map<string, Pod>();
  private readonly names = new Map<string, string>();
  private readonly states = new Map<string, PodState>();
  private readonly fingerprints = new Map<string, string>();
  private readonly abort = new AbortController();
  private readonly workers: PodWorkers;
  private readonly ctx: SyncContext;
  private readonly log: Log;
  private loops: Promise<void>[] = [];
  private timers: NodeJS.Timeout[] = [];
  private started?: Promise<void>;

  constructor(private readonly opts: KubeletOptions) {
    this.log = opts.log ?? (() => undefined);
    const deps = defaultDeps(opts, opts.deps);
    const startup = new StartupTracker(this.log);
    const statuses = new StatusManager({ api: opts.api, log: this.log, onWritten: (uid, status, ms) => startup.written(uid, status, ms) });
    const recorder = new EventRecorder({ api: opts.api, nodeName: opts.nodeName, log: this.log, before: () => statuses.writesSettled(1000) });
    const probes = new ProbeManager({
      deps,
      runtime: opts.runtime,
      hostIP: opts.hostIP,
      recorder,
      onChange: (uid) => this.workers.enqueue(uid),
      onKill: (uid, id, message, graceSeconds) => {
        this.states.get(uid)?.killRequests.set(id, { message, graceSeconds });
        this.workers.enqueue(uid);
      },
    });
    this.ctx = {
      api: opts.api,
      runtime: opts.runtime,
      deps,
      recorder,
      statuses,
      startup,
      probes,
      crashBackoff: new Backoff({ initialMs: 10_000, maxMs: 300_000 }),
      pullBackoff: new Backoff({ initialMs: 10_000, maxMs: 300_000 }),
      nodeName: opts.nodeName,
      hostIP: opts.hostIP,
      dns: { clusterDNS: opts.clusterDNS, clusterDomain: opts.clusterDomain ?? 'cluster.local' },
      podNetwork: opts.podNetwork,
      scheme: 'docker',
      log: this.log,
    };
    this.workers = new PodWorkers(
      (uid) => this.sync(uid),
      (uid, err) => {
        this.log('pod sync failed', { pod: this.pods.get(uid)?.metadata.name, uid, err: (err as Error).message });
        this.workers.enqueue(uid, 1000);
      },
    );
  }

  /** Resolves once the first pod list is in, leftovers were removed and every pod had its first sync. */
  start(): Promise<void> {
    this.started ??= this.run();
    return this.started;
  }

  /** Stops watches, workers and probes; containers keep running. */
  async stop(): Promise<void> {
    this.abort.abort();
    for (const t of this.timers) clearInterval(t);
    this.ctx.probes.stop();
    await this.workers.stop();
    this.ctx.statuses.stop();
    await Promise.all(this.loops);
  }

  /** Whether a pod sync, status write or event write is in progress (tests poll this under fake timers). */
  busy(): boolean {
    return this.workers.busy() || this.ctx.statuses.busy() || this.ctx.recorder.busy();
  }

  containerId(namespace: string, pod: string, container?: string, previous?: boolean): Located<string> {
    return locateContainer(this.located(namespace, pod), pod, container, previous);
  }

  podAddress(namespace: string, pod: string): Located<string> {
    return locateAddress(this.located(namespace, pod), pod);
  }

  private located(namespace: string, name: string) {
    const uid = this.names.get(`${namespace}/${name}`);
    const pod = uid ? this.pods.get(uid) : undefined;
    return pod && uid ? { pod, status: this.states.get(uid)?.lastStatus ?? pod.status } : undefined;
  }

  private async run(): Promise<void> {
    const version = await this.opts.runtime.version();
    this.ctx.scheme = version.name || 'docker';
    this.loops.push(this.followRuntimeEvents());
    let listed!: () => void;
    const firstList = new Promise<void>((resolve) => (listed = resolve));
    this.loops.push(
      listWatch<Pod>({
        api: this.opts.api,
        path: '/api/v1/pods',
        params: { fieldSelector: `spec.nodeName=${this.opts.nodeName}` },
        signal: this.abort.signal,
        onList: (items) => {
          this.replace(items);
          listed();
        },
        onEvent: (type, pod) => (type === 'DELETED' ? this.forget(pod) : this.upsert(pod)),
        onError: (e) => this.log('pod watch failed', { err: (e as Error).message }),
      }),
    );
    await Promise.race([firstList, new Promise<void>((r) => this.abort.signal.addEventListener('abort', () => r(), { once: true }))]);
    if (this.abort.signal.aborted) return;
    await this.removeLeftovers();
    await this.workers.idle();
    this.timers.push(setInterval(() => void this.relist().catch((e: unknown) => this.log('runtime relist failed', { err: (e as Error).message })), this.opts.relistMs ?? 3000));
    this.timers.push(setInterval(() => this.pods.forEach((_p, uid) => this.workers.enqueue(uid)), this.opts.resyncMs ?? 60_000));
  }

  /** Containers and sandboxes of this node whose pod is not in the API any more (removed while we were down). */
  private async removeLeftovers(): Promise<void> {
    const mine = { [LABELS.nodeName]: this.opts.nodeName };
    const [sandboxes, containers] = await Promise.all([this.opts.runtime.listSandboxes(mine), this.opts.runtime.listContainers(mine)]);
    const uids = new Set([...sandboxes, ...containers].map((x) => x.labels[LABELS.podUid]).filter((u): u is string => !!u));
    for (const uid of uids) {
      if (this.pods.has(uid)) continue;
      this.log('removing containers of a pod that is gone', { uid });
      this.workers.enqueue(uid);
    }
  }

  private replace(items: Pod[]): void {
    const seen = new Set(items.map(podKey));
    for (const pod of [...this.pods.values()]) if (!seen.has(podKey(pod))) this.forget(pod);
    for (const pod of items) this.upsert(pod);
  }

  private upsert(pod: Pod): void {
    if (pod.spec?.nodeName !== this.opts.nodeName) return this.forget(pod);
    const uid = podKey(pod);
    const before = this.pods.get(uid);
    this.pods.set(uid, pod);
    this.names.set(`${pod.metadata.namespace}/${pod.metadata.name}`, uid);
    this.ctx.statuses.observed(pod);
    if (pod.metadata.deletionTimestamp) this.ctx.startup.forget(uid);
    else if (!before) this.ctx.startup.seen(uid, pod);
    // The echo of our own status write changes nothing the sync reads: no pass for it.
    if (!before || relevant(before) !== relevant(pod)) this.workers.enqueue(uid);
  }

  private forget(pod: Pod): void {
    const uid = podKey(pod);
    if (!this.pods.delete(uid)) return;
    this.ctx.startup.forget(uid);
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (this.names.get(key) === uid) this.names.delete(key);
    this.workers.enqueue(uid);
  }

  private async sync(uid: string): Promise<void> {
    if (this.abort.signal.aborted) return;
    const pod = this.pods.get(uid);
    if (!pod) {
      const state = this.states.get(uid);
      this.states.delete(uid);
      this.ctx.probes.removePod(uid);
      this.ctx.statuses.forget(uid);
      this.fingerprints.delete(uid);
      // A graceful deletion already removed everything; a second pass (a late event) has nothing to do.
      if (state?.deleteSent) return;
      const seen = await observe(this.ctx, uid);
      if (!state && !seen.containers.length && !seen.sandboxes.length) return;
      return removePodResources(this.ctx, uid);
    }
    let state = this.states.get(uid);
    if (!state) {
      state = new PodState(pod);
      // A pod the API already reports finished stays finished, even if its containers were removed.
      state.terminal = TERMINAL.has(pod.status?.phase ?? '');
      this.states.set(uid, state);
    }
    state.pod = pod;
    this.ctx.startup.get(uid)?.syncStarted();
    if (pod.metadata.deletionTimestamp) await syncTerminating(this.ctx, state);
    else await syncPod(this.ctx, state);
    this.fingerprints.set(uid, observedFingerprint(state.observed.containers, state.observed.sandboxes));
    if (state.wakeAt !== undefined) {
      this.workers.enqueue(uid, Math.max(1, state.wakeAt - Date.now()));
      state.wakeAt = undefined;
    }
  }

  /**
   * Enqueues pods whose runtime state changed since their last sync (a missed event). One listing call,
   * no inspect per container: with 30 pods the old inspect-everything relist cost more CPU than the rest
   * of an idle agent.
   */
  private async relist(): Promise<void> {
    const listed = await this.opts.runtime.listStates({ [LABELS.nodeName]: this.opts.nodeName });
    const byPod = new Map<string, RuntimeObjectState[]>();
    for (const o of listed) {
      const uid = o.labels[LABELS.podUid];
      // A sandbox counts as running or not, as a sync's inspect of it reports.
      const state = o.kind === 'sandbox' && o.state !== 'running' ? 'exited' : o.state;
      if (uid) byPod.set(uid, [...(byPod.get(uid) ?? []), { ...o, state }]);
    }
    for (const [uid, objects] of byPod) {
      if (!this.pods.has(uid) || this.fingerprints.get(uid) !== fingerprint(objects)) this.workers.enqueue(uid);
    }
  }

  private async followRuntimeEvents(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        for await (const ev of this.opts.runtime.events(signal)) {
          if (ev.labels[LABELS.nodeName] !== this.opts.nodeName) continue;
          const uid = ev.labels[LABELS.podUid];
          // A start moves a pod on too (the next init container once a sidecar runs), like upstream's PLEG.
          if (uid && ev.type !== 'destroy') this.workers.enqueue(uid);
        }
      } catch (e) {
        if (!signal.aborted) this.log('runtime events failed', { err: (e as Error).message });
      }
      if (!signal.aborted) await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/** What a sync reads from the API's copy: spec, metadata, and conditions other writers own (readiness gates). */
function relevant(pod: Pod): string {
  const { resourceVersion: _rv, managedFields: _mf, ...meta } = pod.metadata;
  const others = (pod.status?.conditions ?? []).filter((c) => !KUBELET_CONDITIONS.has(c.type)).map((c) => [c.type, c.status]);
  return JSON.stringify([meta, pod.spec, others]);
}

/** What a relist compares: each object's id and coarse state (sandboxes: running or not). */
export function fingerprint(objects: Pick<RuntimeObjectState, 'id' | 'state'>[]): string {
  return objects
    .map((x) => `${x.id}:${x.state}`)
    .sort()
    .join(',');
}

/** The same fingerprint from a sync's inspected statuses. */
function observedFingerprint(containers: { id: string; state: string }[], sandboxes: { id: string; state: string }[]): string {
  return fingerprint([
    ...containers.map((c) => ({ id: c.id, state: c.state as RuntimeObjectState['state'] })),
    ...sandboxes.map((x) => ({ id: x.id, state: x.state === 'ready' ? ('running' as const) : ('exited' as const) })),
  ]);
}
