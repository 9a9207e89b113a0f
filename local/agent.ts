// The local node for `npm start`: joins this machine to the local cluster with a bootstrap token (the
// same path a real host takes) and runs `kubeflare-agent run` as a child process, which uses Docker or
// podman here (starting `podman system service` itself when podman is installed and no socket answers).
import { AGENT_NODE_FLAGS } from '../agent/bin/node-flags.mjs';
import { ensureAgentBundle } from '../agent/build/bundle.mjs';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { joinCluster } from '../agent/src/cli/join';
import { loadConfig, writeConfig } from '../agent/src/config';
import { DockerRuntime } from '../agent/src/runtime/docker';
import { LABELS } from '../agent/src/runtime/types';
import { detectRuntimeSocket, podmanAvailable, startPodmanService, type PodmanService } from '../agent/src/runtime/podman';
import type { ApiClient } from '../workers/kube/client';
import { createBootstrapToken } from './bootstrap-token';
import { ROOT } from './stack';

export interface LocalAgentOptions {
  api: ApiClient;
  serverUrl: string;
  caPem: string;
  /** The stack's state directory; the agent keeps its config and state under <stateDir>/agent. */
  stateDir: string;
  /** Re-use an existing node credential (persistent state) instead of joining again. */
  reuse: boolean;
  log: (m: string) => void;
}

export interface LocalAgent {
  nodeName: string;
  configPath: string;
  logPath: string;
  pid: number;
  stop(): Promise<void>;
  /**
   * Synchronous SIGTERM to the agent and to the podman service this process started: for signal
   * handlers that may not get to finish an async stop (Miniflare's exit hook ends the process).
   */
  signalStop(): void;
}

/** Why this machine cannot run pods, or undefined when it can. */
export async function runtimeProblem(): Promise<string | undefined> {
  if (await detectRuntimeSocket()) return undefined;
  if (await podmanAvailable()) return undefined;
  return 'no container runtime: neither a Docker/podman socket answers nor is podman installed (apt-get install -y podman runc). The control plane runs without a node.';
}

export async function startLocalAgent(opts: LocalAgentOptions): Promise<LocalAgent> {
  const dir = join(opts.stateDir, 'agent');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const configPath = join(dir, 'agent.yaml');
  const caFile = join(dir, 'ca.crt');
  writeFileSync(caFile, opts.caPem);
  const nodeName = localNodeName();
  if (!(opts.reuse && existsSync(configPath) && configUsable(configPath, opts.serverUrl))) {
    const token = await createBootstrapToken(opts.api, { ttlSeconds: 600, description: 'npm start: the local node' });
    const quiet = { out: () => undefined, err: () => undefined };
    await joinCluster({ server: opts.serverUrl, token, caFile, nodeName, configPath, stateDir: join(dir, 'state') }, quiet as never);
  }
  // A running Docker/podman is used as it is; otherwise this process runs podman's API service, so that
  // `npm start` stops it again on exit (containers outlive it, as they outlive the agent).
  let podman: PodmanService | undefined;
  let socketPath = await detectRuntimeSocket();
  if (!socketPath) {
    podman = await startPodmanService({ dir: join(dir, 'podman') });
    socketPath = podman.socketPath;
  }
  writeConfig(configPath, { ...loadConfig(configPath), runtimeSocket: socketPath });
  await ensureAgentBundle();
  const logPath = join(dir, 'agent.log');
  const out = openSync(logPath, 'a');
  const child: ChildProcess = spawn(process.execPath, [...AGENT_NODE_FLAGS, join(ROOT, 'agent/bin/kubeflare-agent.mjs'), 'run', '--config', configPath], { stdio: ['ignore', out, out], env: process.env });
  closeSync(out);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  opts.log(`node ${nodeName}: agent running (pid ${child.pid}, log ${logPath})`);
  return {
    nodeName,
    configPath,
    logPath,
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      // Without persistent state nothing could adopt this node's containers again: remove them.
      if (!opts.reuse) {
        await removeNodeContainers(socketPath!, nodeName).catch((e: Error) => opts.log(`could not remove the node's containers: ${e.message}`));
        unmountUnder(dir);
      }
      await podman?.stop();
    },
    signalStop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      // Ephemeral state: nothing could adopt the containers later. podman's CLI works without its service.
      if (!opts.reuse && podman) {
        removeWithPodmanCli(join(dir, 'podman', 'containers.conf'), nodeName);
        unmountUnder(dir);
      }
      if (podman) {
        try {
          process.kill(podman.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    },
  };
}

function removeWithPodmanCli(containersConf: string, nodeName: string) {
  const env = { ...process.env, CONTAINERS_CONF: containersConf };
  // Containers before their sandboxes: podman refuses to remove a sandbox others still join.
  for (const kind of ['regular', 'init', 'sandbox']) {
    const ps = spawnSync('podman', ['ps', '-a', '-q', '--filter', `label=${LABELS.nodeName}=${nodeName}`, '--filter', `label=${LABELS.containerKind}=${kind}`], { env, encoding: 'utf8' });
    const ids = (ps.stdout ?? '').split(/\s+/).filter(Boolean);
    if (ids.length) spawnSync('podman', ['rm', '-f', '-t', '1', ...ids], { env, stdio: 'ignore' });
  }
}

/** The kubelet mounts tmpfs for secret and memory volumes (as root): unmount what lies under `dir`. */
export function unmountUnder(dir: string) {
  let mounts = '';
  try {
    mounts = readFileSync('/proc/mounts', 'utf8');
  } catch {
    return;
  }
  const prefix = `${dir.replace(/\/$/, '')}/`;
  const paths = mounts
    .split('\n')
    .map((l) => l.split(' ')[1]?.replace(/\\040/g, ' '))
    .filter((p): p is string => !!p && p.startsWith(prefix))
    .sort((a, b) => b.length - a.length);
  for (const p of paths) spawnSync('umount', [p], { stdio: 'ignore' });
}

async function removeNodeContainers(socketPath: string, nodeName: string) {
  const runtime = new DockerRuntime({ socketPath });
  const labels = { [LABELS.nodeName]: nodeName };
  for (const c of await runtime.listContainers(labels)) await runtime.removeContainer(c.id);
  for (const s of await runtime.listSandboxes(labels)) await runtime.removeSandbox(s.id);
}

/** The machine's hostname as a valid node name (lower case, DNS-1123). */
export function localNodeName(): string {
  const n = hostname().toLowerCase().replace(/[^a-z0-9.-]/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return n || 'localhost';
}

function configUsable(path: string, server: string): boolean {
  try {
    return loadConfig(path).server === server.replace(/\/$/, '');
  } catch {
    return false;
  }
}
