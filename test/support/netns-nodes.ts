// Real nodes inside network namespaces, for network end-to-end tests (NetworkPolicy, two nodes):
// each node is a namespace of ours with its own uplink address, API relay, podman API service (network
// definitions in a directory of the test), and the real agent (`kubeflare-agent run`) with
// `network.enabled`, so pods, bridges, routes, DNS address and nftables tables all live in it. Nodes
// are joined by veth pairs on one /24 (the "L2 network" routes between podCIDRs need). Nothing touches
// the host's network: destroy() removes containers (by our node names), podman networks, processes (by
// PID) and namespaces (by name), also after a failure.
//
// The agent reaches the API (on the host's loopback) through a relay: 127.0.0.1:<port> inside the
// namespace → a unix socket (not namespaced) → 127.0.0.1:<port> on the host.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { joinCluster } from '../../agent/src/cli/join';
import { loadConfig, writeConfig } from '../../agent/src/config';
import { createNodeFetcher } from '../../agent/src/http/node-fetcher';
import { inNs, sh } from '../../agent/src/proxy/netns.testing';
import { DockerRuntime } from '../../agent/src/runtime/docker';
import { text } from '../../agent/src/runtime/docker/testing';
import { BUSYBOX_IMAGE, ensureLocalImage } from '../../agent/src/runtime/images';
import { pingSocket } from '../../agent/src/runtime/podman';
import { CONTAINERS_CONF } from '../../agent/src/runtime/podman/containers-conf';
import { LABELS } from '../../agent/src/runtime/types';
import { createBootstrapToken } from '../../local/bootstrap-token';
import { ROOT } from '../../local/stack';
import { ApiClient as KubeClient } from '../../workers/kube/client';
import { eventually } from '../eventually';
import type { TestStack } from '../harness';

export { BUSYBOX_IMAGE };

/** The uplink network all test nodes share (a /24 of their own per cluster). */
const uplinkIP = (subnet: number, i: number) => `192.168.${subnet}.${10 + i}`;

export interface NetnsNode {
  name: string;
  ns: string;
  ip: string;
  runtime: DockerRuntime;
  network: string;
  agentLog: string;
  agent?: ChildProcess;
}

export class NetnsCluster {
  readonly id = randomBytes(3).toString('hex');
  readonly nodes: NetnsNode[] = [];
  private readonly dir = mkdtempSync(join(tmpdir(), 'kf-netns-'));
  private readonly children: ChildProcess[] = [];
  private readonly namespaces: string[] = [];
  private relay: Server | undefined;
  /** A random /24 of 192.168.200-249, so parallel test files do not share addresses even by chance. */
  private readonly subnet = 200 + (parseInt(this.id.slice(0, 2), 16) % 50);

  constructor(private readonly stack: TestStack) {}

  /** Creates `count` nodes, joins them, and waits until each is Ready. */
  async start(count: number, prefix: string): Promise<NetnsNode[]> {
    const port = Number(new URL(this.stack.url).port);
    const apiSock = join(this.dir, 'api.sock');
    this.relay = createServer((c) => {
      const up = connect(port, '127.0.0.1');
      c.pipe(up).pipe(c);
      c.on('error', () => up.destroy());
      up.on('error', () => c.destroy());
    });
    await new Promise<void>((r) => this.relay!.listen(apiSock, r));

    for (let i = 0; i < count; i++) {
      const ns = `kf-${prefix}-${this.id}-${i}`;
      await sh('ip', 'netns', 'add', ns);
      this.namespaces.push(ns);
      await inNs(ns, 'ip', 'link', 'set', 'lo', 'up');
      await inNs(ns, 'sysctl', '-qw', 'net.ipv4.ip_forward=1');
      this.nodes.push({ name: `${prefix}-${this.id}-${i}`, ns, ip: uplinkIP(this.subnet, i), runtime: undefined as never, network: `kf-e2e-${this.id}-${i}`, agentLog: join(this.dir, `agent-${i}.log`) });
    }
    await this.wire();
    for (const [i, node] of this.nodes.entries()) await this.startNode(node, i, port, apiSock);
    for (const node of this.nodes) await this.waitReady(node);
    return this.nodes;
  }

  /**
   * The uplinks: node 0's eth0 on a bridge of its own namespace, every other node's eth0 a veth whose
   * peer is a port of that bridge, so all nodes share one L2 segment.
   */
  private async wire(): Promise<void> {
    const [first, ...rest] = this.nodes;
    await inNs(first.ns, 'ip', 'link', 'add', 'eth0', 'type', 'bridge');
    await inNs(first.ns, 'ip', 'addr', 'add', `${first.ip}/24`, 'dev', 'eth0');
    await inNs(first.ns, 'ip', 'link', 'set', 'eth0', 'up');
    for (const [i, node] of rest.entries()) {
      const port = `up${i + 1}`;
      await inNs(first.ns, 'ip', 'link', 'add', port, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', node.ns);
      await inNs(first.ns, 'ip', 'link', 'set', port, 'master', 'eth0', 'up');
      await inNs(node.ns, 'ip', 'addr', 'add', `${node.ip}/24`, 'dev', 'eth0');
      await inNs(node.ns, 'ip', 'link', 'set', 'eth0', 'up');
    }
    // Service addresses are routed like any off-node address (the proxy DNATs before it matters).
    for (const node of this.nodes) await inNs(node.ns, 'ip', 'route', 'add', 'default', 'via', `192.168.${this.subnet}.1`, 'onlink', 'dev', 'eth0');
  }

  private spawnLogged(argv: string[], logPath: string, env: NodeJS.ProcessEnv = process.env): ChildProcess {
    const out = openSync(logPath, 'a');
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', out, out], env, detached: true });
    closeSync(out);
    this.children.push(child);
    return child;
  }

  private async startNode(node: NetnsNode, i: number, port: number, apiSock: string): Promise<void> {
    // Long-running processes enter only the namespace's network (`ip netns exec` would also give them a
    // fresh /sys without the cgroup mounts runc needs).
    const IN_NS = ['nsenter', `--net=/run/netns/${node.ns}`];
    const relayLog = join(this.dir, `relay-${i}.log`);
    const relayJs = `const net=require('node:net');const [port,sock]=process.argv.slice(-2);net.createServer((c)=>{const u=net.connect(sock);c.pipe(u).pipe(c);c.on('error',()=>u.destroy());u.on('error',()=>c.destroy());}).listen(Number(port),'127.0.0.1',()=>console.log('ready'));`;
    const relay = this.spawnLogged([...IN_NS, process.execPath, '-e', relayJs, String(port), apiSock], relayLog);
    await eventually(async () => (readLog(relayLog).includes('ready') ? true : relay.exitCode !== null ? Promise.reject(new Error('relay exited')) : undefined), 10_000, 'api relay');

    const conf = join(this.dir, `containers-${i}.conf`);
    mkdirSync(join(this.dir, `networks-${i}`));
    writeFileSync(conf, `${CONTAINERS_CONF}[network]\nnetwork_config_dir = "${join(this.dir, `networks-${i}`)}"\n`);
    const sock = join(this.dir, `podman-${i}.sock`);
    const podmanLog = join(this.dir, `podman-${i}.log`);
    const podman = this.spawnLogged([...IN_NS, 'podman', 'system', 'service', '--time=0', `unix://${sock}`], podmanLog, { ...process.env, CONTAINERS_CONF: conf });
    await eventually(async () => ((await pingSocket(sock, 1000)) ? true : podman.exitCode !== null ? Promise.reject(new Error(readLog(podmanLog))) : undefined), 30_000, 'podman service');
    node.runtime = new DockerRuntime({ socketPath: sock, nodeName: node.name });
    await ensureLocalImage(node.runtime.docker, { kind: 'busybox' });
    await ensureLocalImage(node.runtime.docker, { kind: 'pause' });

    const fetcher = createNodeFetcher({ caPem: this.stack.caPem });
    const admin = new KubeClient({ fetch: fetcher, baseUrl: this.stack.url, token: this.stack.token, userAgent: 'netns-nodes' });
    const token = await createBootstrapToken(admin, { ttlSeconds: 600, description: `netns e2e ${node.name}` });
    fetcher.close();
    const caFile = join(this.dir, 'ca.crt');
    writeFileSync(caFile, this.stack.caPem);
    const configPath = join(this.dir, `agent-${i}.yaml`);
    const quiet = { out: () => undefined, err: () => undefined };
    await joinCluster({ server: this.stack.url, token, caFile, nodeName: node.name, configPath, stateDir: join(this.dir, `state-${i}`) }, quiet as never);
    writeConfig(configPath, {
      ...loadConfig(configPath),
      runtimeSocket: sock,
      nodeIP: node.ip,
      metricsAddress: '',
      metricsPushSeconds: 0,
      network: { enabled: true, podNetwork: node.network, bridge: `kfb${this.id}${i}` },
    });
    node.agent = this.spawnLogged([...IN_NS, process.execPath, join(ROOT, 'agent/bin/kubeflare-agent.mjs'), 'run', '--config', configPath], node.agentLog, { ...process.env, KUBEFLARE_AGENT_SOURCES: '1' });
  }

  private async waitReady(node: NetnsNode): Promise<void> {
    await eventually(
      async () => {
        if (node.agent?.exitCode !== null) throw new Error(`the agent of ${node.name} exited (${node.agent?.exitCode}):\n${readLog(node.agentLog)}`);
        const n = await this.stack.client.get(`/api/v1/nodes/${node.name}`);
        return n.json?.status?.conditions?.find((c: { type: string }) => c.type === 'Ready')?.status === 'True' ? true : undefined;
      },
      90_000,
      `node ${node.name} Ready`,
    );
  }

  /** Runs `cmd` (sh -c) in container "c" of a pod; resolves its output (stdout + stderr) and exit code. */
  async exec(namespace: string, pod: string, cmd: string): Promise<{ code: number; out: string }> {
    for (const node of this.nodes) {
      const [c] = await node.runtime.docker.listContainers({ filters: { label: [`${LABELS.podName}=${pod}`, `${LABELS.podNamespace}=${namespace}`, `${LABELS.container}=c`, `${LABELS.nodeName}=${node.name}`] } });
      if (!c) continue;
      const s = await node.runtime.exec(c.Id, { cmd: ['sh', '-c', cmd], tty: false, stdin: false, stdout: true, stderr: true });
      const [out, err] = await Promise.all([text(s.stdout), text(s.stderr)]);
      return { code: await s.exitCode, out: out + err };
    }
    throw new Error(`no running container for pod ${namespace}/${pod}`);
  }

  /** Rules, routes and agent logs, for failure messages. */
  async diagnose(): Promise<string> {
    const parts: string[] = [];
    for (const node of this.nodes) {
      const nft = await inNs(node.ns, 'nft', 'list', 'ruleset').catch((e: Error) => e.message);
      const net = await inNs(node.ns, 'sh', '-c', 'ip -br addr; ip route').catch((e: Error) => e.message);
      parts.push(`== ${node.name}\n${net}\n${nft}\nagent log:\n${readLog(node.agentLog)}`);
    }
    return parts.join('\n');
  }

  async destroy(): Promise<void> {
    // Agents first (their containers stay), then the containers and networks, then podman and relays.
    for (const node of this.nodes) if (node.agent) await stop(node.agent);
    for (const node of this.nodes) {
      if (!node.runtime) continue;
      const mine = await node.runtime.docker.listContainers({ all: true, filters: { label: [`${LABELS.nodeName}=${node.name}`] } }).catch(() => []);
      const sandboxLast = (c: { Labels: Record<string, string> }) => (c.Labels[LABELS.containerKind] === 'sandbox' ? 1 : 0);
      for (const c of mine.sort((a, b) => sandboxLast(a) - sandboxLast(b))) await node.runtime.docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined);
      await node.runtime.docker.getNetwork(node.network).remove().catch(() => undefined);
    }
    for (const c of [...this.children].reverse()) await stop(c);
    this.relay?.close();
    for (const ns of [...this.namespaces].reverse()) await sh('ip', 'netns', 'del', ns).catch(() => undefined);
    for (const m of readFileSync('/proc/self/mounts', 'utf8').split('\n').map((l) => l.split(' ')[1] ?? '').filter((m) => m.startsWith(`${this.dir}/`)).sort((a, b) => b.length - a.length)) await sh('umount', '-l', m).catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function readLog(p: string): string {
  try {
    return readFileSync(p, 'utf8').slice(-6000);
  } catch {
    return '';
  }
}

async function stop(c: ChildProcess): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null || !c.pid) return;
  const exited = new Promise((r) => c.once('exit', r));
  process.kill(c.pid, 'SIGTERM');
  const t = setTimeout(() => c.pid && c.exitCode === null && process.kill(c.pid, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(t);
}

const HTTPD = ['sh', '-c', 'mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www'];
const SLEEP = ['sh', '-c', 'exec sleep 100000'];

/** A pod on `node`: a web server on 8080 (port name "http", answers its hostname) or an idle client. */
export function testPod(namespace: string, name: string, node: string, labels: Record<string, string>, kind: 'web' | 'client') {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: {
      nodeName: node,
      terminationGracePeriodSeconds: 0,
      containers: [{ name: 'c', image: BUSYBOX_IMAGE, imagePullPolicy: 'Never', command: kind === 'web' ? HTTPD : SLEEP, ...(kind === 'web' ? { ports: [{ name: 'http', containerPort: 8080 }] } : {}) }],
    },
  };
}

// busybox-static's wget crashes with -T here, so the time limit comes from `timeout`.
export const fetchCmd = (url: string) => `timeout 3 wget -q -O - ${url} || echo FAIL`;
