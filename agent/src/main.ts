// The node agent: identity (config), API client, container runtime, Node + Lease, then the kubelet and
// the tunnel, and a small metrics endpoint. SIGTERM/SIGINT stop it cleanly and leave containers running,
// as a kubelet does: a restarted agent adopts them.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ApiClient, type Fetcher } from '../../workers/kube/client';
import type { AgentConfig } from './config';
import { createNodeFetcher } from './http/node-fetcher';
import { AgentMetrics, countingFetch, KUBELET_VERSION, NodeManager, readHostFacts, serveMetrics, type HostFacts, type Log } from './node';
import { Kubelet } from './kubelet';
import { NodeNetwork } from './network';
import { IngressProxy, INGRESS_NODE_LABEL } from './ingress';
import { defaultMetricsPush } from './metrics';
import { DockerRuntime } from './runtime/docker';
import { detectRuntimeSocket, pingSocket, startPodmanService } from './runtime/podman';
import type { ContainerRuntime } from './runtime/types';
import { startTunnel } from './tunnel/client';
import type { PodLocator } from './tunnel/types';

/** A part the agent starts after the Node is registered and stops first on shutdown. */
export interface AgentPart {
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
  /** Pods the part runs now (the kubelet), for the kubeflare_agent_pods gauge. */
  podCount?(): number;
}

/** What a part gets to work with: the same identities the kubelet and the tunnel client are built from. */
export interface AgentContext {
  api: ApiClient;
  runtime: ContainerRuntime;
  config: AgentConfig;
  nodeName: string;
  hostIP: string;
  /** The kubelet's root directory (pod volumes and logs), under stateDir. */
  rootDir: string;
  log: Log;
  /** Set when the agent runs the node's networking (config.network.enabled): what the kubelet needs. */
  network?: { clusterDNS: string[]; clusterDomain: string; podNetwork?: string };
}

export interface AgentDeps {
  runtime?: ContainerRuntime;
  log?: Log;
  /** Aborting it stops the agent; without one, runAgent listens for SIGTERM and SIGINT. */
  signal?: AbortSignal;
  /** Tests: a fetch to the API instead of https with the configured CA. */
  fetch?: Fetcher;
  readFacts?: () => Promise<HostFacts>;
  /** The kubelet (default: agent/src/kubelet's Kubelet); false runs the node part alone (tests). */
  kubelet?: ((ctx: AgentContext) => KubeletPart) | false;
  /** The logs/exec tunnel (default: agent/src/tunnel's startTunnel, served by the kubelet); false: none. */
  tunnel?: ((ctx: AgentContext, locator: PodLocator) => AgentPart) | false;
  /** Pushes pod and node usage for metrics.k8s.io (default: agent/src/metrics every 15 s); false: none. */
  metricsPush?: ((ctx: AgentContext) => AgentPart) | false;
}

export type KubeletPart = AgentPart & PodLocator;

export const defaultKubelet = (c: AgentContext): KubeletPart =>
  new Kubelet({
    api: c.api,
    runtime: c.runtime,
    nodeName: c.nodeName,
    hostIP: c.hostIP,
    rootDir: c.rootDir,
    log: c.log,
    clusterDNS: c.network?.clusterDNS,
    clusterDomain: c.network?.clusterDomain,
    podNetwork: c.network?.podNetwork,
    resyncMs: c.config.syncFrequencySeconds * 1000,
  });

export function defaultTunnel(c: AgentContext, locator: PodLocator): AgentPart {
  // TunnelOptions wants a CA; without one (a publicly trusted server) the tunnel is not opened yet.
  if (!c.config.caPem) {
    c.log('no caPem in the config: the logs/exec tunnel is not opened');
    return { start() {}, stop() {} };
  }
  const tunnel = startTunnel({ serverUrl: c.config.server, caPem: c.config.caPem, token: c.config.token, nodeName: c.nodeName, runtime: c.runtime, locator, log: c.log });
  return { start() {}, stop: () => tunnel.close() };
}

export interface RunningAgent {
  api: ApiClient;
  node: NodeManager;
  metrics: AgentMetrics;
  /** The metrics port actually bound (useful with port 0); undefined when disabled. */
  metricsPort?: number;
  stop(): Promise<void>;
}

export const jsonLog: Log = (msg, fields = {}) => console.error(JSON.stringify({ time: new Date().toISOString(), msg, ...fields }));

export async function startAgent(config: AgentConfig, deps: AgentDeps = {}): Promise<RunningAgent> {
  const log = deps.log ?? jsonLog;
  const metrics = new AgentMetrics();
  const https = deps.fetch ? undefined : config.caPem ? createNodeFetcher({ caPem: config.caPem }) : undefined;
  // Without a configured CA the system's trusted CAs apply (e.g. a workers.dev certificate): global fetch.
  const base: Fetcher = deps.fetch ?? https ?? ((r) => fetch(r));
  const api = new ApiClient({ fetch: countingFetch(base, metrics), baseUrl: config.server, token: config.token, userAgent: `kubeflare-agent/${KUBELET_VERSION} (${config.nodeName})` });
  mkdirSync(config.stateDir, { recursive: true, mode: 0o700 });
  const readFacts = deps.readFacts ?? (() => readHostFacts({ stateDir: config.stateDir, nodeIP: config.nodeIP }));
  const runtime = deps.runtime ?? (await openRuntime(config, log));

  const node = new NodeManager({
    api,
    runtime,
    nodeName: config.nodeName,
    // The ingress status controller advertises only nodes that run the proxy.
    labels: config.ingress.enabled ? { ...config.labels, [INGRESS_NODE_LABEL]: 'true' } : config.labels,
    taints: config.taints,
    heartbeatSeconds: config.heartbeatSeconds,
    leaseDurationSeconds: config.leaseDurationSeconds,
    statusReportSeconds: config.statusReportSeconds,
    readFacts,
    log,
    onHeartbeat: () => metrics.heartbeats++,
  });
  const makeKubelet = deps.kubelet === undefined ? defaultKubelet : deps.kubelet;
  const makeTunnel = deps.tunnel === undefined ? defaultTunnel : deps.tunnel;
  const parts: AgentPart[] = [];
  let metricsServer: Awaited<ReturnType<typeof serveMetrics>> | undefined;
  const stop = async () => {
    for (const p of parts.reverse()) await Promise.resolve(p.stop()).catch((e: unknown) => log('stop failed', { err: String(e) }));
    await node.stop();
    await metricsServer?.close();
    https?.close();
    log('agent stopped', { node: config.nodeName });
  };
  try {
    await node.start();
    const ctx: AgentContext = { api, runtime, config, nodeName: config.nodeName, hostIP: (await readFacts()).internalIP ?? '127.0.0.1', rootDir: join(config.stateDir, 'kubelet'), log };
    if (config.network.enabled) {
      // Before the kubelet: pods need the pod network and the DNS address from their first sync.
      const socket = (runtime as { docker?: { modem?: { socketPath?: string } } }).docker?.modem?.socketPath ?? config.runtimeSocket;
      const network = new NodeNetwork({ api, nodeName: config.nodeName, hostIP: ctx.hostIP, runtimeSocket: socket, settings: config.network, log });
      parts.push(network);
      await network.start();
      ctx.network = { clusterDNS: network.clusterDNS, clusterDomain: config.network.clusterDomain, podNetwork: network.podNetwork };
    }
    if (config.ingress.enabled) {
      const i = config.ingress;
      const ingress = new IngressProxy({ api, address: i.address, httpPort: i.httpPort, httpsPort: i.httpsPort || null, controller: i.controller, secretRefreshMs: i.secretRefreshSeconds * 1000, log });
      parts.push(ingress);
      await ingress.start();
    }
    if (makeKubelet) {
      const kubelet = makeKubelet(ctx);
      parts.push(kubelet);
      await kubelet.start();
      if (kubelet.podCount) metrics.pods = () => kubelet.podCount!();
      if (makeTunnel) {
        const tunnel = makeTunnel(ctx, kubelet);
        parts.push(tunnel);
        await tunnel.start();
      }
    }
    const makeMetricsPush = deps.metricsPush === undefined ? defaultMetricsPush : deps.metricsPush;
    if (makeKubelet && makeMetricsPush) {
      const push = makeMetricsPush(ctx);
      parts.push(push);
      await push.start();
    }
    if (config.metricsAddress) metricsServer = await serveMetrics(config.metricsAddress, metrics);
  } catch (e) {
    await stop();
    throw e;
  }
  log('agent running', { node: config.nodeName, server: config.server, metrics: metricsServer ? metricsServer.port : 'off', kubelet: !!makeKubelet, tunnel: !!(makeKubelet && makeTunnel) });
  return { api, node, metrics, metricsPort: metricsServer?.port, stop };
}

/**
 * The container engine: the configured socket, else a running Docker/podman (DOCKER_HOST, CONTAINER_HOST,
 * well-known sockets), else our own podman service under stateDir (started once; it and its containers
 * outlive the agent, so a restarted agent finds it again).
 */
export async function openRuntime(config: AgentConfig, log: Log): Promise<ContainerRuntime> {
  const own = join(config.stateDir, 'podman', 'podman.sock');
  let socketPath = config.runtimeSocket ?? (await detectRuntimeSocket()) ?? ((await pingSocket(own)) ? own : null);
  if (!socketPath) {
    log('no container engine answers; starting podman', { dir: join(config.stateDir, 'podman') });
    socketPath = (await startPodmanService({ dir: join(config.stateDir, 'podman') })).socketPath;
  }
  log('container runtime', { socket: socketPath });
  return new DockerRuntime({ socketPath, nodeName: config.nodeName });
}

/** Runs until the signal aborts (or SIGTERM/SIGINT), then stops cleanly. */
export async function runAgent(config: AgentConfig, deps: AgentDeps = {}): Promise<void> {
  let signal = deps.signal;
  let detach = () => undefined as void;
  if (!signal) {
    const ctl = new AbortController();
    const onSignal = (sig: NodeJS.Signals) => {
      (deps.log ?? jsonLog)('stopping', { signal: sig });
      ctl.abort();
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
    detach = () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    };
    signal = ctl.signal;
  }
  const agent = await startAgent(config, { ...deps, signal });
  await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
  await agent.stop();
  detach();
}
