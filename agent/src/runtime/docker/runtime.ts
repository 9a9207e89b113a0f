// ContainerRuntime on the Docker Engine API (Docker, or podman's compatible service), through dockerode.
// Pure mappings live beside this file (options, status, stats, events); this class does the I/O.
import Docker from 'dockerode';
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
import { ensureLocalImage, PAUSE_IMAGE } from '../images/ensure';
import { containerCreateOptions } from './container-options';
import { engineMessage, isConnectionError, isExitRace, isNotFound, isNotModified, statusCode, unreachable } from './errors';
import { streamEvents } from './events';
import { inspectImage, listImages, pullImage } from './images';
import { containerLogs } from './logs';
import { sandboxCreateOptions } from './sandbox-options';
import { startAttach, startExec } from './session';
import { isEmptySample, toContainerStats, type RawStats } from './stats';
import { labelFilter, mapState, toContainerStatus, toSandboxStatus } from './status';

/** How long an image found present is assumed to still be (the kubelet checks before every container create). */
const IMAGE_SEEN_MS = 5_000;
/** Inspects tried when podman trips over a process exiting meanwhile (isExitRace). */
const INSPECT_ATTEMPTS = 4;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface DockerRuntimeOptions {
  socketPath: string;
  /** The sandbox image; built locally from busybox when it is ours and missing. */
  pauseImage?: string;
  /** Recorded on every sandbox (LABELS.nodeName). */
  nodeName?: string;
  /** Run an init as PID 1 in pod containers (default true): prompt SIGTERM handling on stop. */
  init?: boolean;
}

export class DockerRuntime implements ContainerRuntime {
  readonly docker: Docker;
  private readonly socketPath: string;
  private readonly pauseImage: string;
  private readonly nodeName?: string;
  private readonly init: boolean;
  private pauseReady?: Promise<string>;
  /** podman leaves State.Error empty after a failed start; remember the message for containerStatus. */
  private readonly startErrors = new Map<string, string>();
  private engine?: Promise<RuntimeVersion>;
  private readonly imagesSeen = new Map<string, { info: ImageInfo; at: number }>();
  /** Labels of the sandboxes this runtime started, so creating a pod's containers skips inspecting it again. */
  private readonly sandboxLabels = new Map<string, Record<string, string>>();

  constructor(opts: DockerRuntimeOptions) {
    this.socketPath = opts.socketPath;
    this.docker = new Docker({ socketPath: opts.socketPath });
    this.pauseImage = opts.pauseImage ?? PAUSE_IMAGE;
    this.nodeName = opts.nodeName;
    this.init = opts.init ?? true;
  }

  /** Runs `f`, turning "cannot reach the socket" into an Error that says how to start an engine. */
  private async call<T>(f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (err) {
      if (isConnectionError(err)) throw unreachable(this.socketPath, err);
      throw err;
    }
  }

  version(): Promise<RuntimeVersion> {
    this.engine ??= this.call(async () => {
      const [v, info] = await Promise.all([this.docker.version(), this.docker.info() as Promise<{ CgroupVersion?: string }>]);
      const podman = (v.Components ?? []).some((c) => /podman/i.test(c.Name));
      const name = podman ? 'podman' : 'docker';
      return {
        name,
        version: v.Version,
        apiVersion: v.ApiVersion,
        runtimeVersion: `${name}://${v.Version}`,
        kernelVersion: v.KernelVersion,
        os: v.Os,
        cgroupVersion: info.CgroupVersion,
      };
    });
    this.engine.catch(() => (this.engine = undefined));
    return this.engine;
  }

  listImages(): Promise<ImageInfo[]> {
    return this.call(() => listImages(this.docker));
  }

  inspectImage(ref: string): Promise<ImageInfo | null> {
    // A pod's containers (and a Deployment's pods) ask for the same image moments apart: an image seen
    // in the last few seconds is taken as present. Absent ones are always asked again (a pull may follow).
    const hit = this.imagesSeen.get(ref);
    if (hit && Date.now() - hit.at < IMAGE_SEEN_MS) return Promise.resolve(hit.info);
    return this.call(async () => {
      const info = await inspectImage(this.docker, ref);
      this.imagesSeen.delete(ref);
      if (info) {
        if (this.imagesSeen.size >= 256) this.imagesSeen.delete(this.imagesSeen.keys().next().value as string);
        this.imagesSeen.set(ref, { info, at: Date.now() });
      }
      return info;
    });
  }

  pullImage(ref: string, auth?: RegistryAuth): Promise<ImageInfo> {
    return this.call(() => pullImage(this.docker, ref, auth));
  }

  /** Builds our pause image once per runtime (a foreign pauseImage must already be present). */
  private ensurePause(): Promise<string> {
    if (!this.pauseReady) {
      this.pauseReady = this.pauseImage.startsWith('localhost/kubeflare/')
        ? ensureLocalImage(this.docker, { kind: 'pause', tag: this.pauseImage })
        : Promise.resolve(this.pauseImage);
      this.pauseReady.catch(() => (this.pauseReady = undefined));
    }
    return this.pauseReady;
  }

  runSandbox(spec: SandboxSpec): Promise<SandboxStatus> {
    return this.call(async () => {
      await this.ensurePause();
      const created = await this.docker.createContainer(sandboxCreateOptions(spec, { image: this.pauseImage, nodeName: this.nodeName }));
      try {
        await created.start();
      } catch (err) {
        await created.remove({ force: true }).catch(() => undefined);
        throw new Error(`sandbox of pod ${spec.podNamespace}/${spec.podName} did not start: ${engineMessage(err)}`, { cause: err });
      }
      const info = await created.inspect();
      // Bounded by the sandboxes alive here; ones removed behind our back are dropped oldest first.
      if (this.sandboxLabels.size >= 1000) this.sandboxLabels.delete(this.sandboxLabels.keys().next().value as string);
      this.sandboxLabels.set(info.Id, info.Config.Labels ?? {});
      return toSandboxStatus(info);
    });
  }

  sandboxStatus(id: string): Promise<SandboxStatus | null> {
    return this.call(async () => {
      const info = await this.inspect(id);
      return info ? toSandboxStatus(info) : null;
    });
  }

  removeSandbox(id: string): Promise<void> {
    // The pause process exits at once on SIGTERM; force-remove covers a sandbox that does not.
    return this.call(async () => {
      this.sandboxLabels.delete(id);
      await this.stopContainer(id, 5);
      await this.removeContainer(id);
    });
  }

  listSandboxes(labels?: Record<string, string>): Promise<SandboxStatus[]> {
    return this.call(async () => {
      const infos = await this.inspectManaged({ ...labels, [LABELS.containerKind]: 'sandbox' });
      return infos.map(toSandboxStatus);
    });
  }

  createContainer(spec: ContainerSpec): Promise<string> {
    return this.call(async () => {
      const labels = this.sandboxLabels.get(spec.sandboxId) ?? (await this.inspect(spec.sandboxId).then((i) => (i ? (i.Config.Labels ?? {}) : undefined)));
      if (!labels) throw new Error(`sandbox ${spec.sandboxId} of container ${spec.name} does not exist`);
      const engine = await this.version();
      const opts = containerCreateOptions(spec, labels, { init: this.init, joinUts: engine.name === 'podman' });
      try {
        return (await this.docker.createContainer(opts)).id;
      } catch (err) {
        throw new Error(`cannot create container ${spec.name} from image ${spec.image}: ${engineMessage(err)}`, { cause: err });
      }
    });
  }

  startContainer(id: string): Promise<void> {
    return this.call(async () => {
      try {
        await this.docker.getContainer(id).start();
        this.startErrors.delete(id);
      } catch (err) {
        if (isNotModified(err)) return;
        this.startErrors.set(id, engineMessage(err));
        throw new Error(`cannot start container ${id}: ${engineMessage(err)}`, { cause: err });
      }
    });
  }

  stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    return this.call(async () => {
      try {
        await this.docker.getContainer(id).stop({ t: Math.max(0, Math.round(timeoutSeconds)) });
      } catch (err) {
        if (isNotModified(err) || isNotFound(err)) return;
        throw err;
      }
    });
  }

  removeContainer(id: string): Promise<void> {
    return this.call(async () => {
      this.startErrors.delete(id);
      try {
        await this.docker.getContainer(id).remove({ force: true, v: true });
      } catch (err) {
        // 404: already gone; 409: a removal is already in progress.
        if (isNotFound(err) || statusCode(err) === 409) return;
        throw err;
      }
    });
  }

  listContainers(labels?: Record<string, string>): Promise<ContainerStatus[]> {
    return this.call(async () => {
      const infos = await this.inspectManaged(labels ?? {});
      return infos
        .filter((i) => i.Config.Labels?.[LABELS.containerKind] !== 'sandbox')
        .map((i) => this.withStartError(toContainerStatus(i)));
    });
  }

  listPod(labels: Record<string, string>): Promise<{ sandboxes: SandboxStatus[]; containers: ContainerStatus[] }> {
    // podman's listing walks every container of the engine: one per pod sync, not one per kind.
    return this.call(async () => {
      const out = { sandboxes: [] as SandboxStatus[], containers: [] as ContainerStatus[] };
      for (const i of await this.inspectManaged(labels)) {
        if (i.Config.Labels?.[LABELS.containerKind] === 'sandbox') out.sandboxes.push(toSandboxStatus(i));
        else out.containers.push(this.withStartError(toContainerStatus(i)));
      }
      return out;
    });
  }

  listStates(labels?: Record<string, string>): Promise<RuntimeObjectState[]> {
    return this.call(async () => {
      const list = await this.docker.listContainers({ all: true, filters: labelFilter(LABELS.managed, labels) });
      return list.map((c) => ({
        id: c.Id,
        kind: c.Labels?.[LABELS.containerKind] === 'sandbox' ? 'sandbox' : 'container',
        state: mapState(c.State),
        labels: c.Labels ?? {},
      }));
    });
  }

  containerStatus(id: string): Promise<ContainerStatus | null> {
    return this.call(async () => {
      const info = await this.inspect(id);
      return info ? this.withStartError(toContainerStatus(info)) : null;
    });
  }

  logs(id: string, opts: LogOptions): Promise<LogStream> {
    return this.call(() => containerLogs(this.docker, id, opts));
  }

  exec(id: string, opts: ExecOptions): Promise<ExecSession> {
    return this.call(() => startExec(this.docker, id, opts));
  }

  attach(id: string, opts: { stdin: boolean; stdout: boolean; stderr: boolean; tty: boolean }): Promise<ExecSession> {
    return this.call(() => startAttach(this.docker, id, opts));
  }

  stats(id: string): Promise<ContainerStats | null> {
    return this.call(async () => {
      try {
        const raw = (await this.docker.getContainer(id).stats({ stream: false })) as unknown as RawStats;
        return isEmptySample(raw) ? null : toContainerStats(raw);
      } catch (err) {
        // 404: gone; 409: not running (podman) — no stats either way.
        if (isNotFound(err) || statusCode(err) === 409) return null;
        throw err;
      }
    });
  }

  /**
   * `sinceSeconds` (an extension of the contract) replays events from that time first, so a watcher that
   * reconnects (or a test that subscribes late) misses nothing.
   */
  async *events(signal: AbortSignal, opts: { sinceSeconds?: number } = {}): AsyncIterable<RuntimeEvent> {
    try {
      yield* streamEvents(this.docker, LABELS.managed, signal, opts.sinceSeconds);
    } catch (err) {
      if (isConnectionError(err)) throw unreachable(this.socketPath, err);
      throw err;
    }
  }

  private withStartError(s: ContainerStatus): ContainerStatus {
    const remembered = this.startErrors.get(s.id);
    return remembered && !s.error && s.state !== 'running' ? { ...s, error: remembered } : s;
  }

  private async inspect(id: string): Promise<Docker.ContainerInspectInfo | null> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.docker.getContainer(id).inspect();
      } catch (err) {
        if (isNotFound(err)) return null;
        if (!isExitRace(err) || attempt === INSPECT_ATTEMPTS) throw err;
        await sleep(attempt * 20);
      }
    }
  }

  /** Inspects every managed container matching the labels; ones removed meanwhile are skipped. */
  private async inspectManaged(labels: Record<string, string>): Promise<Docker.ContainerInspectInfo[]> {
    const list = await this.docker.listContainers({ all: true, filters: labelFilter(LABELS.managed, labels) });
    const infos = await Promise.all(list.map((c) => this.inspect(c.Id)));
    return infos.filter((i): i is Docker.ContainerInspectInfo => i !== null);
  }
}
