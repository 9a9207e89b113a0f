// An in-memory ContainerRuntime for unit tests: deterministic ids and addresses, scripted container
// behaviour driven by timers (so fake timers control it), a call log, and events like a real engine's.
import { createHash } from 'node:crypto';
import {
  LABELS,
  type ContainerRuntime,
  type ContainerSpec,
  type ContainerStats,
  type ContainerStatus,
  type ExecOptions,
  type ExecSession,
  type ImageInfo,
  type LogOptions,
  type LogStream,
  type RegistryAuth,
  type RuntimeEvent,
  type RuntimeObjectState,
  type RuntimeVersion,
  type SandboxSpec,
  type SandboxStatus,
} from '../types';
import { EXIT_SIGKILL, EXIT_SIGTERM, type BehaviourFn, type FakeBehaviour } from './behaviour';
import { EventQueue, execSessionOf, logStreamOf, type ExecResult, type LogLine } from './streams';

export interface FakeRuntimeOptions {
  /** Images already in the local store. */
  images?: string[];
  /** Pull outcome per reference: true adds the image, a string fails the pull with that message. Default: fails. */
  pull?: (ref: string, auth?: RegistryAuth) => true | string;
  behaviour?: BehaviourFn;
  /** Answers exec (and exec probes / hooks). Default: exit 0, no output. */
  exec?: (containerId: string, cmd: string[]) => ExecResult | Promise<ExecResult>;
  /** First octets of sandbox addresses; the counter fills the last one. */
  ipPrefix?: string;
  /** A stopped container that ignores SIGTERM would exit 137; by default it exits 143 at once. */
  ignoresSigterm?: (spec: ContainerSpec) => boolean;
}

export interface FakeCall {
  method: string;
  args: unknown[];
}

interface FakeContainer {
  spec: ContainerSpec;
  status: ContainerStatus;
  behaviour: FakeBehaviour;
  timer?: NodeJS.Timeout;
  logs: LogLine[];
}

/** Normalizes a reference the way the fake store keys images: a missing tag means :latest. */
export function normalizeRef(ref: string): string {
  if (ref.includes('@')) return ref;
  const slash = ref.lastIndexOf('/');
  return ref.slice(slash + 1).includes(':') ? ref : `${ref}:latest`;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const iso = (ms: number) => new Date(ms).toISOString();

export class FakeRuntime implements ContainerRuntime {
  /** Every call, in order, for assertions. */
  readonly calls: FakeCall[] = [];
  private readonly images = new Map<string, ImageInfo>();
  private readonly sandboxes = new Map<string, SandboxStatus & { spec: SandboxSpec }>();
  private readonly containers = new Map<string, FakeContainer>();
  private readonly queues = new Set<EventQueue<RuntimeEvent>>();
  private nextId = 1;
  private nextIp = 2;

  constructor(private readonly opts: FakeRuntimeOptions = {}) {
    for (const ref of opts.images ?? []) this.addImage(ref);
  }

  // ---- test controls ----

  addImage(ref: string, user?: string): ImageInfo {
    const key = normalizeRef(ref);
    const info: ImageInfo = { id: `sha256:${sha(key)}`, repoTags: [key], repoDigests: [`${key.split(':')[0]}@sha256:${sha(`digest/${key}`)}`], sizeBytes: 1024, ...(user !== undefined ? { user } : {}) };
    this.images.set(key, info);
    return info;
  }

  /** Appends log lines to a container's output. */
  writeLog(id: string, line: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    this.must(id).logs.push({ stream, line, time: Date.now() });
  }

  /** Ends a running container from outside (a crash, a kill -9 by someone else). */
  crash(id: string, exitCode: number, oomKilled = false): void {
    const c = this.containers.get(id);
    if (c?.status.state === 'running') this.finish(c, exitCode, oomKilled);
  }

  /** The pod's infra container died: the sandbox is no longer ready. */
  killSandbox(id: string): void {
    const s = this.sandboxes.get(id);
    if (s) s.state = 'notready';
  }

  /** A container's creation spec, for assertions on what the kubelet asked for. */
  specOf(id: string): ContainerSpec | undefined {
    return this.containers.get(id)?.spec;
  }

  sandboxSpecOf(id: string): SandboxSpec | undefined {
    return this.sandboxes.get(id)?.spec;
  }

  callsTo(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  // ---- ContainerRuntime ----

  async version(): Promise<RuntimeVersion> {
    return { name: 'fake', version: '0.0.1', apiVersion: '1.41', runtimeVersion: 'fake://0.0.1' };
  }

  async listImages(): Promise<ImageInfo[]> {
    return [...this.images.values()];
  }

  async inspectImage(ref: string): Promise<ImageInfo | null> {
    this.record('inspectImage', ref);
    return this.images.get(normalizeRef(ref)) ?? null;
  }

  async pullImage(ref: string, auth?: RegistryAuth): Promise<ImageInfo> {
    this.record('pullImage', ref, auth);
    const outcome = this.opts.pull?.(ref, auth) ?? `pull access denied for ${ref}: repository does not exist`;
    if (outcome !== true) throw new Error(outcome);
    return this.images.get(normalizeRef(ref)) ?? this.addImage(ref);
  }

  async runSandbox(spec: SandboxSpec): Promise<SandboxStatus> {
    this.record('runSandbox', spec);
    const id = this.newId('sandbox');
    const ips = spec.hostNetwork ? [] : [`${this.opts.ipPrefix ?? '10.88.0.'}${this.nextIp++}`];
    const labels = { ...spec.labels, [LABELS.managed]: 'true', [LABELS.containerKind]: 'sandbox', [LABELS.container]: 'sandbox' };
    const s = { id, state: 'ready' as const, ips, labels, createdAt: iso(Date.now()), spec };
    this.sandboxes.set(id, s);
    return this.publicSandbox(s);
  }

  async sandboxStatus(id: string): Promise<SandboxStatus | null> {
    const s = this.sandboxes.get(id);
    return s ? this.publicSandbox(s) : null;
  }

  async removeSandbox(id: string): Promise<void> {
    this.record('removeSandbox', id);
    this.sandboxes.delete(id);
  }

  async listSandboxes(labels?: Record<string, string>): Promise<SandboxStatus[]> {
    return [...this.sandboxes.values()].filter((s) => matches(s.labels, labels)).map((s) => this.publicSandbox(s));
  }

  async createContainer(spec: ContainerSpec): Promise<string> {
    this.record('createContainer', spec);
    if (!this.sandboxes.has(spec.sandboxId)) throw new Error(`no such sandbox ${spec.sandboxId}`);
    const image = this.images.get(normalizeRef(spec.image));
    if (!image) throw new Error(`image not known: ${spec.image}`);
    const id = this.newId('ctr');
    const attempt = Number(spec.labels[LABELS.attempt] ?? '0');
    const behaviour = this.opts.behaviour?.(spec, attempt) ?? { kind: 'run' };
    const status: ContainerStatus = { id, name: spec.name, state: 'created', image: spec.image, imageId: image.id, labels: { ...spec.labels }, createdAt: iso(Date.now()) };
    this.containers.set(id, { spec, status, behaviour, logs: [] });
    return id;
  }

  async startContainer(id: string): Promise<void> {
    this.record('startContainer', id);
    const c = this.must(id);
    if (c.status.state === 'running') return;
    const now = Date.now();
    if (c.behaviour.kind === 'fail-start') {
      Object.assign(c.status, { state: 'exited', exitCode: 128, error: c.behaviour.message, finishedAt: iso(now) });
      throw new Error(c.behaviour.message);
    }
    Object.assign(c.status, { state: 'running', startedAt: iso(now), finishedAt: undefined, exitCode: undefined, oomKilled: false, pid: 1000 + this.nextId });
    this.emit('start', c);
    const b = c.behaviour;
    if (b.kind === 'exit' || b.kind === 'oom') {
      const end = () => c.status.state === 'running' && this.finish(c, b.kind === 'oom' ? EXIT_SIGKILL : b.code, b.kind === 'oom');
      // "At once" must not depend on how fake timers treat a zero delay: end right after start returns.
      if (b.afterMs <= 0) void Promise.resolve().then(end);
      else c.timer = setTimeout(end, b.afterMs);
    }
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    this.record('stopContainer', id, timeoutSeconds);
    const c = this.containers.get(id);
    if (!c || c.status.state !== 'running') return;
    this.finish(c, this.opts.ignoresSigterm?.(c.spec) ? EXIT_SIGKILL : EXIT_SIGTERM, false);
  }

  async removeContainer(id: string): Promise<void> {
    this.record('removeContainer', id);
    const c = this.containers.get(id);
    if (!c) return;
    clearTimeout(c.timer);
    this.containers.delete(id);
    this.emit('destroy', c);
  }

  async listContainers(labels?: Record<string, string>): Promise<ContainerStatus[]> {
    return [...this.containers.values()].filter((c) => matches(c.status.labels, labels)).map((c) => ({ ...c.status, labels: { ...c.status.labels } }));
  }

  async listPod(labels: Record<string, string>): Promise<{ sandboxes: SandboxStatus[]; containers: ContainerStatus[] }> {
    return { sandboxes: await this.listSandboxes(labels), containers: await this.listContainers(labels) };
  }

  async listStates(labels?: Record<string, string>): Promise<RuntimeObjectState[]> {
    const sandboxes = [...this.sandboxes.values()].filter((s) => matches(s.labels, labels)).map((s) => this.publicSandbox(s));
    return [
      ...sandboxes.map((s) => ({ id: s.id, kind: 'sandbox' as const, state: s.state === 'ready' ? ('running' as const) : ('exited' as const), labels: { ...s.labels } })),
      ...(await this.listContainers(labels)).map((c) => ({ id: c.id, kind: 'container' as const, state: c.state, labels: c.labels })),
    ];
  }

  async containerStatus(id: string): Promise<ContainerStatus | null> {
    const c = this.containers.get(id);
    return c ? { ...c.status, labels: { ...c.status.labels } } : null;
  }

  async logs(id: string, opts: LogOptions): Promise<LogStream> {
    return logStreamOf(this.must(id).logs, opts);
  }

  async exec(id: string, opts: ExecOptions): Promise<ExecSession> {
    this.record('exec', id, opts.cmd);
    const c = this.must(id);
    if (c.status.state !== 'running') throw new Error(`container ${id} is not running`);
    const result = (await this.opts.exec?.(id, opts.cmd)) ?? { exitCode: 0 };
    return execSessionOf(result, opts.stdin);
  }

  async attach(id: string, opts: { stdin: boolean }): Promise<ExecSession> {
    this.must(id);
    return execSessionOf({ exitCode: 0 }, opts.stdin);
  }

  async stats(id: string): Promise<ContainerStats | null> {
    const c = this.containers.get(id);
    return c ? { cpuUsageNanos: 0, memoryWorkingSetBytes: 0, timestamp: iso(Date.now()) } : null;
  }

  events(signal: AbortSignal): AsyncIterable<RuntimeEvent> {
    const q = new EventQueue<RuntimeEvent>(signal);
    this.queues.add(q);
    signal.addEventListener('abort', () => this.queues.delete(q), { once: true });
    return q;
  }

  // ---- internals ----

  private finish(c: FakeContainer, exitCode: number, oomKilled: boolean): void {
    clearTimeout(c.timer);
    c.timer = undefined;
    Object.assign(c.status, { state: 'exited', exitCode, oomKilled, finishedAt: iso(Date.now()), pid: undefined });
    if (oomKilled) this.emit('oom', c);
    this.emit('die', c);
  }

  private emit(type: RuntimeEvent['type'], c: FakeContainer): void {
    const ev: RuntimeEvent = { type, containerId: c.status.id, labels: { ...c.status.labels }, time: Date.now(), ...(type === 'die' ? { exitCode: c.status.exitCode } : {}) };
    for (const q of this.queues) q.push(ev);
  }

  private must(id: string): FakeContainer {
    const c = this.containers.get(id);
    if (!c) throw new Error(`no such container: ${id}`);
    return c;
  }

  private newId(kind: string): string {
    // Hex like a real engine's ids, but predictable: the counter is in the hash input.
    return sha(`${kind}/${this.nextId++}`).slice(0, 64);
  }

  private record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
  }

  private publicSandbox(s: SandboxStatus & { spec: SandboxSpec }): SandboxStatus {
    return { id: s.id, state: s.state, ips: [...s.ips], labels: { ...s.labels }, createdAt: s.createdAt };
  }
}

function matches(have: Record<string, string>, want?: Record<string, string>): boolean {
  return Object.entries(want ?? {}).every(([k, v]) => have[k] === v);
}
