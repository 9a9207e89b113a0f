// A Kubelet wired to a FakeRuntime and a FakeApi, driven by vitest's fake timers.
import { afterEach, beforeEach, vi } from 'vitest';
import { FakeRuntime, type FakeRuntimeOptions } from '../../runtime/fake';
import type { Mount } from '../../runtime/types';
import type { KubeletDeps, VolumesLike } from '../deps';
import { Kubelet } from '../kubelet';
import { staticObjectSource, type StaticObjects } from '../objects';
import type { Container, Pod } from '../types';
import { FakeApi } from './fake-api';

export const NODE = 'node-1';
export const HOST_IP = '192.168.1.10';
export const T0 = new Date('2026-01-01T00:00:00Z');

/** Volumes without a filesystem: records calls, can be told to fail. */
export class FakeVolumes implements VolumesLike {
  failWith?: string;
  readonly setUps: string[] = [];
  readonly tearDowns: string[] = [];
  async setUp(pod: Pod) {
    this.setUps.push(pod.metadata.name ?? '');
    return this.failWith ? { ok: false as const, reason: 'FailedMount' as const, message: this.failWith } : { ok: true as const };
  }
  mountsFor(_pod: Pod, c: Container): Mount[] {
    return (c.volumeMounts ?? []).map((m) => ({ type: 'bind', containerPath: m.mountPath, hostPath: `/fake/${m.name}` }));
  }
  async tearDown(uid: string) {
    this.tearDowns.push(uid);
  }
}

export interface HarnessOptions {
  runtime?: FakeRuntimeOptions;
  objects?: StaticObjects;
  deps?: Partial<KubeletDeps>;
  /** Reuse the runtime and API of an earlier harness (an agent restart). */
  reuse?: { runtime: FakeRuntime; api: FakeApi };
}

export function harness(opts: HarnessOptions = {}) {
  const api = opts.reuse?.api ?? new FakeApi();
  const runtime = opts.reuse?.runtime ?? new FakeRuntime({ images: ['busybox:1.36'], ...opts.runtime });
  const volumes = new FakeVolumes();
  const logs: string[] = [];
  const kubelet = new Kubelet({
    api: api.client,
    runtime,
    nodeName: NODE,
    hostIP: HOST_IP,
    rootDir: '/nonexistent',
    clusterDNS: ['10.96.0.10'],
    log: (msg, fields) => logs.push(`${msg} ${JSON.stringify(fields ?? {})}`),
    deps: { objects: staticObjectSource(opts.objects ?? {}), volumes, ...opts.deps },
  });

  /** Lets every pending promise, stream and zero-delay timer run, then waits for the kubelet to be idle. */
  const settle = async () => {
    // Settled = nothing in progress and two rounds in a row without a runtime call or an API request.
    // Zero-delay fake timers are run on every round: a sync may be waiting on one (setImmediate).
    let quiet = 0;
    for (let i = 0; i < 1000 && quiet < 2; i++) {
      const before = runtime.calls.length + api.requests.length;
      await vi.advanceTimersByTimeAsync(0);
      const moved = runtime.calls.length + api.requests.length !== before;
      quiet = kubelet.busy() || moved ? 0 : quiet + 1;
    }
  };
  /** kubelet.start(), with zero-delay timers run meanwhile (its first syncs may wait on one). */
  const start = async () => {
    let done = false;
    const started = kubelet.start().then(() => (done = true));
    for (let i = 0; i < 1000 && !done; i++) await vi.advanceTimersByTimeAsync(0);
    await started;
    await settle();
  };
  /** Moves fake time forward by `ms` in small steps (so timers fire in order), settling after each. */
  const tick = async (ms: number, step = 500) => {
    for (let left = ms; left > 0; left -= step) {
      await vi.advanceTimersByTimeAsync(Math.min(step, left));
      await settle();
    }
  };
  const status = (name: string) => api.pod(name)?.status;
  const container = (name: string, c = 'app') => status(name)?.containerStatuses?.find((s) => s.name === c);
  const created = (c?: string) => runtime.callsTo('createContainer').filter((x) => !c || (x.args[0] as { name: string }).name === c);
  const locatorOf = (name: string, c?: string) => kubelet.containerId('default', name, c);
  return { api, runtime, volumes, kubelet, logs, start, settle, tick, locatorOf, status, container, created };
}

export type Harness = ReturnType<typeof harness>;

export function podOf(name: string, spec: Partial<Pod['spec']> = {}, metadata: Partial<Pod['metadata']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...metadata },
    spec: {
      nodeName: NODE,
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      containers: [{ name: 'app', image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent' }],
      ...spec,
    },
  };
}

export const ctr = (name: string, extra: Partial<Container> = {}): Container => ({ name, image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent', ...extra });

/**
 * Registers the hooks every kubelet test file needs: fake timers at T0 before each test, and after it the
 * harness it made stopped and real timers back. Returns `harness` that remembers what it made.
 */
export function harnessPerTest(): (opts?: HarnessOptions) => Harness {
  let made: Harness | undefined;
  beforeEach(() => vi.useFakeTimers({ now: T0 }));
  afterEach(async () => {
    await made?.kubelet.stop();
    made = undefined;
    vi.useRealTimers();
  });
  return (opts) => (made = harness(opts));
}
