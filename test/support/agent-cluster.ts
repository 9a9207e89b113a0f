// A one-node cluster with real containers for end-to-end tests and the startup benchmark: the local
// stack (in-memory state), a podman API service of our own in a temp dir, the busybox image built from
// busybox-static, and the real agent as a child process (`kubeflare-agent run`) joined with a bootstrap
// token exactly as `npm start` does it (local/agent.ts). Everything the agent creates carries the node's
// name (LABELS.nodeName); close() removes those containers, then stops the agent and podman by their PIDs.
import { AGENT_NODE_FLAGS } from '../../agent/bin/node-flags.mjs';
import { ensureAgentBundle } from '../../agent/build/bundle.mjs';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { stringify as stringifyYaml } from 'yaml';
import { join } from 'node:path';
import { joinCluster } from '../../agent/src/cli/join';
import { loadConfig, writeConfig } from '../../agent/src/config';
import { createNodeFetcher } from '../../agent/src/http/node-fetcher';
import { DockerRuntime } from '../../agent/src/runtime/docker';
import { BUSYBOX_IMAGE, ensureLocalImage } from '../../agent/src/runtime/images';
import { startPodmanService, type PodmanService } from '../../agent/src/runtime/podman';
import { LABELS } from '../../agent/src/runtime/types';
import { createBootstrapToken } from '../../local/bootstrap-token';
import { ROOT } from '../../local/stack';
import { ApiClient as KubeClient } from '../../workers/kube/client';
import { eventually } from '../eventually';
import { startTestStack, type TestStack } from '../harness';
import { Kubectl } from '../kubectl';

export { BUSYBOX_IMAGE };

export interface AgentClusterOptions {
  /** A short word for the node's name (the name gets a random suffix). */
  name: string;
  /** Extra agent config fields (e.g. heartbeatSeconds). */
  config?: Record<string, unknown>;
  /** Variables for the stack's workers (e.g. HPA_SYNC_PERIOD_SECONDS). */
  vars?: Record<string, string>;
}

export interface AgentProcess {
  pid: number;
  child: ChildProcess;
  exited: Promise<void>;
}

export interface AgentCluster {
  stack: TestStack;
  kubectl: Kubectl;
  nodeName: string;
  dir: string;
  podman: PodmanService;
  /** The same engine the agent uses, for checks from outside (never for changes to the agent's pods). */
  runtime: DockerRuntime;
  configPath: string;
  logPath: string;
  agent: AgentProcess;
  /** Starts the agent child (again); resolves once it is spawned. */
  startAgent(): AgentProcess;
  /** Signals the agent child by its PID and waits for it to exit. */
  stopAgent(signal?: NodeJS.Signals): Promise<void>;
  /** The agent's log so far (for failure messages). */
  agentLog(): string;
  close(): Promise<void>;
}

export async function startAgentCluster(opts: AgentClusterOptions): Promise<AgentCluster> {
  const nodeName = `e2e-${opts.name}-${randomBytes(3).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), `kf-agent-${opts.name}-`));
  // The agent runs as on a real host: from its bundle (rebuilt here when a source changed).
  await ensureAgentBundle();
  const stack = await startTestStack(opts.vars);
  let podman: PodmanService | undefined;
  let runtime: DockerRuntime | undefined;
  let agent: AgentProcess | undefined;
  const configPath = join(dir, 'agent.yaml');
  const logPath = join(dir, 'agent.log');

  const startAgent = (): AgentProcess => {
    const out = openSync(logPath, 'a');
    const child = spawn(process.execPath, [...AGENT_NODE_FLAGS, join(ROOT, 'agent/bin/kubeflare-agent.mjs'), 'run', '--config', configPath], { stdio: ['ignore', out, out], env: process.env });
    closeSync(out);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    agent = { pid: child.pid ?? 0, child, exited };
    return agent;
  };
  const stopAgent = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const a = agent;
    if (!a || a.child.exitCode !== null || a.child.signalCode !== null) return;
    process.kill(a.pid, signal);
    const timer = setTimeout(() => a.child.exitCode === null && a.child.signalCode === null && process.kill(a.pid, 'SIGKILL'), 15_000);
    await a.exited;
    clearTimeout(timer);
  };
  const removeNodeContainers = async () => {
    if (!runtime) return;
    const mine = await runtime.docker.listContainers({ all: true, filters: { label: [`${LABELS.nodeName}=${nodeName}`] } });
    // Containers first, then sandboxes (a sandbox holds the namespaces its containers joined).
    const sandboxLast = (c: { Labels: Record<string, string> }) => (c.Labels[LABELS.containerKind] === 'sandbox' ? 1 : 0);
    for (const c of mine.sort((a, b) => sandboxLast(a) - sandboxLast(b))) {
      await runtime.docker
        .getContainer(c.Id)
        .remove({ force: true, v: true })
        .catch(() => undefined);
    }
  };
  const close = async () => {
    await stopAgent().catch(() => undefined);
    await removeNodeContainers().catch((e: Error) => console.error(`agent-cluster: could not remove the containers of ${nodeName}: ${e.message}`));
    await podman?.stop().catch(() => undefined);
    unmountUnder(dir);
    kubectl.close();
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const kubectl = new Kubectl(stack.kubeconfig);

  try {
    podman = await startPodmanService({ dir: join(dir, 'podman') });
    runtime = new DockerRuntime({ socketPath: podman.socketPath, nodeName });
    await ensureLocalImage(runtime.docker, { kind: 'busybox' });
    await ensureLocalImage(runtime.docker, { kind: 'pause' });

    const fetcher = createNodeFetcher({ caPem: stack.caPem });
    const admin = new KubeClient({ fetch: fetcher, baseUrl: stack.url, token: stack.token, userAgent: 'agent-cluster' });
    const token = await createBootstrapToken(admin, { ttlSeconds: 600, description: `e2e node ${nodeName}` });
    fetcher.close();
    const caFile = join(dir, 'ca.crt');
    writeFileSync(caFile, stack.caPem);
    const quiet = { out: () => undefined, err: () => undefined };
    await joinCluster({ server: stack.url, token, caFile, nodeName, configPath, stateDir: join(dir, 'state') }, quiet as never);
    // The default metrics port (10249) may be taken by `npm start`'s own agent on this machine.
    writeConfig(configPath, { ...loadConfig(configPath), runtimeSocket: podman.socketPath, metricsAddress: '127.0.0.1:0', ...opts.config });
    startAgent();
    await eventually(
      async () => {
        if (agent!.child.exitCode !== null) throw new Error(`the agent exited (${agent!.child.exitCode}):\n${readLog(logPath)}`);
        const r = await stack.client.get(`/api/v1/nodes/${nodeName}`);
        const ready = r.json?.status?.conditions?.find((c: { type: string }) => c.type === 'Ready');
        return ready?.status === 'True' ? true : undefined;
      },
      60_000,
      `node ${nodeName} Ready`,
    );
  } catch (e) {
    await close();
    throw e;
  }

  return {
    stack,
    kubectl,
    nodeName,
    dir,
    podman,
    runtime,
    configPath,
    logPath,
    get agent() {
      return agent!;
    },
    startAgent,
    stopAgent,
    agentLog: () => readLog(logPath),
    close,
  };
}

/** Unmounts what the agent mounted under `dir` (tmpfs of Secret and memory emptyDir volumes), deepest first. */
function unmountUnder(dir: string): void {
  let mounts: string[] = [];
  try {
    mounts = readFileSync('/proc/self/mounts', 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[1]?.replace(/\\040/g, ' '))
      .filter((m): m is string => !!m && m.startsWith(`${dir}/`));
  } catch {
    return;
  }
  for (const m of mounts.sort((a, b) => b.length - a.length)) spawnSync('umount', ['-l', m]);
}

function readLog(path: string): string {
  try {
    return readFileSync(path, 'utf8').slice(-6_000);
  } catch {
    return '';
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

/** Reads a pod as JSON through the admin client. */
export async function getPod(c: AgentCluster, name: string, ns = 'default'): Promise<Obj> {
  const r = await c.stack.client.get(`/api/v1/namespaces/${ns}/pods/${name}`);
  return r.status === 200 ? r.json : undefined;
}

/** Waits until the pod is Running with every container ready. */
export async function waitReady(c: AgentCluster, name: string, ms = 60_000, ns = 'default'): Promise<Obj> {
  return eventually(
    async () => {
      const p = await getPod(c, name, ns);
      const ready = p?.status?.conditions?.find((x: { type: string }) => x.type === 'Ready');
      return p?.status?.phase === 'Running' && ready?.status === 'True' ? p : undefined;
    },
    ms,
    `pod ${name} Running and Ready`,
  ).catch((e: Error) => {
    throw new Error(`${e.message}\nagent log:\n${c.agentLog()}`);
  });
}

/** The pod's Events as "Reason: message" lines, oldest first. */
export async function podEvents(c: AgentCluster, name: string, ns = 'default'): Promise<{ reason: string; message: string; type: string; count?: number }[]> {
  const r = await c.stack.client.get(`/api/v1/namespaces/${ns}/events?fieldSelector=${encodeURIComponent(`involvedObject.name=${name}`)}`);
  const items: Obj[] = r.json?.items ?? [];
  return items.map((e) => ({ reason: e.reason, message: e.message, type: e.type, count: e.count }));
}

/** `kubectl apply -f -` of a manifest object (or list), failing on a non-zero exit. */
export async function apply(c: AgentCluster, ...objects: object[]): Promise<void> {
  // A YAML stream (kubectl's validation has no schema for a v1 List).
  const file = c.kubectl.file(`m-${randomBytes(4).toString('hex')}.yaml`, objects.map((o) => stringifyYaml(o)).join('---\n'));
  // Generous: ten objects on a machine busy with other suites can take kubectl more than 30 s.
  const r = await c.kubectl.run(['apply', '-f', file], 120_000);
  if (r.code !== 0) throw new Error(`kubectl apply failed (${r.code}): ${r.stderr}`);
}

/** A busybox container spec (image built locally, never pulled). */
export function busybox(name: string, script: string, extra: Obj = {}): Obj {
  return { name, image: BUSYBOX_IMAGE, imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', script], ...extra };
}

export function pod(name: string, spec: Obj, metadata: Obj = {}): Obj {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', ...metadata }, spec: { terminationGracePeriodSeconds: 5, ...spec } };
}

/** Runs kubectl with `input` on its stdin (Kubectl.run has no stdin); the same kubeconfig and private HOME. */
export function kubectlWithInput(c: AgentCluster, args: string[], input: string, timeoutMs = 30_000): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (k !== 'KUBECONFIG' && !k.startsWith('KUBECTL_')) env[k] = v;
  env.HOME = c.kubectl.dir;
  return new Promise((resolve) => {
    const child = spawn('kubectl', ['--kubeconfig', c.stack.kubeconfig, '--cache-dir', join(c.kubectl.dir, 'cache'), ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.pid && process.kill(child.pid, 'SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(input);
  });
}
