// What the kubelet core calls but does not implement: API object reads, volumes, env resolution, probes
// and lifecycle hooks. Structural types, so tests (or another runtime) can hand in their own; `defaults`
// builds the real ones.
import type { ApiClient } from '../../../workers/kube/client';
import type { ContainerRuntime, Mount } from '../runtime/types';
import type { Container, Pod } from './types';
import { apiObjectSource, type ObjectSource } from './objects';
import { resolveEnv } from './env';
import { VolumeManager } from './volumes';
import { serviceAccountTokenSource } from './service-account-token';
import { ProbeWorker, runProbe } from './probes';
import { runHook } from './hooks';

export type Probe = NonNullable<Container['livenessProbe']>;
export type LifecycleHandler = NonNullable<NonNullable<Container['lifecycle']>['postStart']>;

export interface HandlerTarget {
  podIP: string;
  hostIP: string;
  containerId: string;
  runtime: ContainerRuntime;
  /** Resolves named ports. */
  container?: Pick<Container, 'name' | 'ports'>;
}

export type ProbeKind = 'liveness' | 'readiness' | 'startup';
export type ProbeOutcome = { result: 'success' | 'failure' | 'unknown'; message?: string };

export interface ProbeWorkerLike {
  start(): void;
  stop(): void;
}

export interface VolumesLike {
  setUp(pod: Pod): Promise<{ ok: true; warnings?: string[] } | { ok: false; reason: 'FailedMount'; message: string }>;
  /** May throw (a bad subPath): the container fails with CreateContainerConfigError. */
  mountsFor(pod: Pod, container: Container, env?: { name: string; value: string }[]): Mount[];
  tearDown(podUid: string): Promise<void>;
  readTerminationMessage?(podUid: string, containerName: string): Promise<string>;
}

export type EnvOutcome = { ok: true; env: { name: string; value: string }[] } | { ok: false; reason: 'CreateContainerConfigError'; message: string };

export interface KubeletDeps {
  objects: ObjectSource;
  volumes: VolumesLike;
  resolveEnv(pod: Pod, container: Container, objects: ObjectSource, ctx: { nodeName: string; hostIP: string; podIPs: string[] }): Promise<EnvOutcome>;
  runHook(handler: LifecycleHandler, target: HandlerTarget, timeoutSeconds: number): Promise<{ ok: true } | { ok: false; message: string }>;
  runProbe(probe: Probe, target: HandlerTarget): Promise<ProbeOutcome>;
  newProbeWorker(opts: { kind: ProbeKind; probe: Probe; run: () => Promise<ProbeOutcome>; onResult: (ok: boolean, message?: string) => void }): ProbeWorkerLike;
}

export function defaultDeps(opts: { api: ApiClient; rootDir: string; nodeName: string }, overrides: Partial<KubeletDeps> = {}): KubeletDeps {
  const objects = overrides.objects ?? apiObjectSource(opts.api);
  return {
    objects,
    volumes: overrides.volumes ?? new VolumeManager({ rootDir: opts.rootDir, objects, nodeName: opts.nodeName, tokenFor: serviceAccountTokenSource(opts.api) }),
    resolveEnv: overrides.resolveEnv ?? ((pod, c, o, ctx) => resolveEnv(pod, c, o, ctx)),
    runHook: overrides.runHook ?? ((h, t, s) => runHook(h, t, s)),
    runProbe: overrides.runProbe ?? ((p, t) => runProbe(p, t)),
    newProbeWorker: overrides.newProbeWorker ?? ((o) => new ProbeWorker(o)),
  };
}
