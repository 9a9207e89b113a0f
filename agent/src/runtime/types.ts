// The ContainerRuntime contract: what the agent's kubelet, stream relays and metrics need from a
// container engine. Shaped after the CRI (a pod sandbox holding the network namespace, containers
// joined to it) but small enough to implement on the Docker Engine API (Docker or Podman) and as a fake.
import type { Readable, Writable } from 'node:stream';

/** Labels the agent puts on everything it creates; re-adoption after a restart reads them back. */
export const LABELS = {
  managed: 'dev.kubeflare.managed',
  podUid: 'dev.kubeflare.pod.uid',
  podName: 'dev.kubeflare.pod.name',
  podNamespace: 'dev.kubeflare.pod.namespace',
  /** "sandbox" for the pod's infra container, otherwise the container's name in the pod spec. */
  container: 'dev.kubeflare.container',
  /** "init" | "regular" | "sandbox". */
  containerKind: 'dev.kubeflare.container.kind',
  /** How many times this container was restarted before this instance (restartCount). */
  attempt: 'dev.kubeflare.container.attempt',
  /** Hash of the container's spec; a change means the container must be recreated. */
  specHash: 'dev.kubeflare.container.hash',
  /** terminationGracePeriodSeconds recorded at creation, for a stop after the pod object is gone. */
  gracePeriod: 'dev.kubeflare.pod.grace',
  nodeName: 'dev.kubeflare.node',
} as const;

export interface RuntimeVersion {
  /** "podman" | "docker" | "fake". */
  name: string;
  version: string;
  apiVersion: string;
  /** Shown in Node.status.nodeInfo.containerRuntimeVersion, e.g. "podman://4.3.1". */
  runtimeVersion: string;
  kernelVersion?: string;
  os?: string;
  cgroupVersion?: string;
}

export interface ImageInfo {
  /** Content id, e.g. "sha256:...". */
  id: string;
  repoTags: string[];
  repoDigests: string[];
  sizeBytes: number;
  /** The image's configured USER ("" or absent = root); the kubelet's runAsNonRoot check reads it. */
  user?: string;
}

export interface RegistryAuth {
  username?: string;
  password?: string;
  auth?: string;
  serveraddress?: string;
  identitytoken?: string;
}

export interface Mount {
  /** bind: hostPath → containerPath; tmpfs: a private tmpfs at containerPath. */
  type: 'bind' | 'tmpfs';
  containerPath: string;
  hostPath?: string;
  readOnly?: boolean;
  /** tmpfs size limit in bytes. */
  sizeBytes?: number;
}

export interface PortMapping {
  containerPort: number;
  hostPort: number;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  hostIP?: string;
}

export interface SandboxSpec {
  podUid: string;
  podName: string;
  podNamespace: string;
  hostname: string;
  /** Share the host's network namespace (pod.spec.hostNetwork). */
  hostNetwork: boolean;
  /** The runtime network to attach to (default: the runtime's default bridge). */
  network?: string;
  /** hostPort mappings are published on the sandbox, which owns the network namespace. */
  portMappings: PortMapping[];
  /** /etc/resolv.conf for the pod. */
  dns?: { servers: string[]; searches: string[]; options: string[] };
  /** Extra /etc/hosts entries. */
  hostAliases?: { ip: string; hostnames: string[] }[];
  labels: Record<string, string>;
  /** Cgroup parent / pod-level limits are optional; runtimes may ignore them. */
  cpuQuotaNanos?: number;
}

export interface SandboxStatus {
  id: string;
  state: 'ready' | 'notready';
  /** The pod's IP(s); empty for hostNetwork pods (the node's address is used). */
  ips: string[];
  labels: Record<string, string>;
  createdAt: string;
}

export interface ContainerSpec {
  sandboxId: string;
  name: string;
  image: string;
  /** Entrypoint override (pod `command`); undefined keeps the image's. */
  command?: string[];
  /** Arguments (pod `args`); undefined keeps the image's. */
  args?: string[];
  workingDir?: string;
  env: { name: string; value: string }[];
  mounts: Mount[];
  labels: Record<string, string>;
  tty?: boolean;
  stdin?: boolean;
  stdinOnce?: boolean;
  resources?: {
    memoryLimitBytes?: number;
    /** CPU limit as nano-CPUs (1 core = 1e9). */
    nanoCpus?: number;
    /** cpu.shares from the request (upstream: milliCPU * 1024 / 1000, min 2). */
    cpuShares?: number;
    pidsLimit?: number;
  };
  security?: {
    user?: string;
    privileged?: boolean;
    readOnlyRootfs?: boolean;
    capAdd?: string[];
    capDrop?: string[];
    noNewPrivileges?: boolean;
  };
  /** Write a termination message file here (bind-mounted from the host). */
  terminationMessagePath?: string;
}

export type ContainerState = 'created' | 'running' | 'exited' | 'unknown';

/** A managed sandbox or container as one cheap listing shows it (no inspect): enough to notice changes. */
export interface RuntimeObjectState {
  id: string;
  kind: 'sandbox' | 'container';
  /** For a sandbox: 'running' while it holds the pod's namespaces. */
  state: ContainerState;
  labels: Record<string, string>;
}

export interface ContainerStatus {
  id: string;
  name: string;
  state: ContainerState;
  image: string;
  imageId: string;
  labels: Record<string, string>;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  exitCode?: number;
  /** The runtime's claim; podman reports false even after a kernel OOM kill, so callers also read exit 137. */
  oomKilled?: boolean;
  /** The runtime's error text, e.g. an exec format error on start. */
  error?: string;
  pid?: number;
}

export interface ContainerStats {
  /** Cumulative CPU time in nanoseconds. */
  cpuUsageNanos: number;
  /** Working set (usage minus inactive file cache), as the kubelet reports it. */
  memoryWorkingSetBytes: number;
  timestamp: string;
}

export interface LogOptions {
  follow?: boolean;
  /** Last N lines; undefined = all. */
  tailLines?: number;
  /** Unix seconds; only lines at or after this time. */
  sinceSeconds?: number;
  timestamps?: boolean;
  signal?: AbortSignal;
}

/** A demultiplexed stream of log output. */
export interface LogStream {
  stdout: Readable;
  stderr: Readable;
  /** Resolves when both streams ended. */
  done: Promise<void>;
  close(): void;
}

export interface ExecOptions {
  cmd: string[];
  tty: boolean;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
}

export interface ExecSession {
  /** Present when `stdin` was requested. */
  stdin?: Writable;
  stdout: Readable;
  /** With a tty, stderr is merged into stdout and this stream ends empty. */
  stderr: Readable;
  resize(cols: number, rows: number): Promise<void>;
  /** The process's exit code once it ended. */
  exitCode: Promise<number>;
  close(): void;
}

export type RuntimeEvent = { type: 'start' | 'die' | 'oom' | 'destroy'; containerId: string; labels: Record<string, string>; time: number; exitCode?: number };

export interface ContainerRuntime {
  version(): Promise<RuntimeVersion>;

  listImages(): Promise<ImageInfo[]>;
  /** null when the image is not in the local store. */
  inspectImage(ref: string): Promise<ImageInfo | null>;
  pullImage(ref: string, auth?: RegistryAuth): Promise<ImageInfo>;

  /** Creates and starts the pod's infra container that holds its namespaces. */
  runSandbox(spec: SandboxSpec): Promise<SandboxStatus>;
  sandboxStatus(id: string): Promise<SandboxStatus | null>;
  /** Stops and removes the sandbox; the caller removes its containers first. Idempotent. */
  removeSandbox(id: string): Promise<void>;
  listSandboxes(labels?: Record<string, string>): Promise<SandboxStatus[]>;

  /** Creates (does not start) a container joined to the sandbox's network, IPC and UTS namespaces. */
  createContainer(spec: ContainerSpec): Promise<string>;
  startContainer(id: string): Promise<void>;
  /** SIGTERM, then SIGKILL after timeoutSeconds. Idempotent on a stopped container. */
  stopContainer(id: string, timeoutSeconds: number): Promise<void>;
  /** Idempotent: a missing container is not an error. */
  removeContainer(id: string): Promise<void>;
  /** Containers (not sandboxes) the agent manages, optionally filtered by labels. Includes exited ones. */
  listContainers(labels?: Record<string, string>): Promise<ContainerStatus[]>;
  containerStatus(id: string): Promise<ContainerStatus | null>;
  /**
   * Sandboxes and containers the agent manages, with their coarse state, from one listing call (no
   * per-container inspect): the kubelet's relist and the metrics collector run it every few seconds.
   */
  listStates(labels?: Record<string, string>): Promise<RuntimeObjectState[]>;
  /**
   * Sandboxes and containers matching the labels (a pod's), fully inspected, from one listing call: what
   * a pod sync observes, at half the listings of listSandboxes + listContainers.
   */
  listPod(labels: Record<string, string>): Promise<{ sandboxes: SandboxStatus[]; containers: ContainerStatus[] }>;

  logs(id: string, opts: LogOptions): Promise<LogStream>;
  exec(id: string, opts: ExecOptions): Promise<ExecSession>;
  /** Attach to the container's main process (stdin if it was created with stdin: true). */
  attach(id: string, opts: { stdin: boolean; stdout: boolean; stderr: boolean; tty: boolean }): Promise<ExecSession>;
  stats(id: string): Promise<ContainerStats | null>;

  /** Container lifecycle events, so the kubelet reacts to a death at once rather than on its next poll. */
  events(signal: AbortSignal): AsyncIterable<RuntimeEvent>;
}
