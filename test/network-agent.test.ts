// Service networking end to end (issue 7): the real stack, a real agent with `network.enabled`, real pods
// (podman) on the node's pod network, the agent's cluster DNS and nftables service proxy.
//
// Nothing touches the host's network: the node is a network namespace this test creates (its address is
// on a veth pair inside it), and the podman API service, the agent and so every pod, bridge,
// route, dummy interface and nftables table live in it. podman keeps its network definitions in a
// directory of this test (containers.conf network_config_dir), the network has a unique name, and the
// namespace is deleted at the end. The agent reaches the API (on the host's loopback) through a relay:
// 127.0.0.1:<port> inside the namespace → a unix socket (not namespaced) → 127.0.0.1:<port> on the host.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinCluster } from '../agent/src/cli/join';
import { loadConfig, writeConfig } from '../agent/src/config';
import { createNodeFetcher } from '../agent/src/http/node-fetcher';
import { DockerRuntime } from '../agent/src/runtime/docker';
import { text } from '../agent/src/runtime/docker/testing';
import { BUSYBOX_IMAGE, ensureLocalImage } from '../agent/src/runtime/images';
import { pingSocket } from '../agent/src/runtime/podman';
import { CONTAINERS_CONF } from '../agent/src/runtime/podman/containers-conf';
import { LABELS } from '../agent/src/runtime/types';
import { ROUTE_PROTO } from '../agent/src/network';
import { createBootstrapToken } from '../local/bootstrap-token';
import { ROOT } from '../local/stack';
import { ApiClient as KubeClient } from '../workers/kube/client';
import { eventually } from './eventually';
import { startTestStack, type TestStack } from './harness';
import { inNs, sh } from '../agent/src/proxy/netns.testing';

const id = randomBytes(3).toString('hex');
const NS = `kf-e2e-net-${id}`;
const NODE_IP = '192.168.231.10';
const OTHER_NODE_IP = '192.168.231.20';
const NODE_NAME = `net-${id}`;
const NETWORK = `kf-e2e-${id}`;
const BRIDGE = `kfb${id}`;
const NODE_PORT = 30080;
/**
 * Long-running processes enter only the namespace's network: `ip netns exec` would also give them a
 * mount namespace with a fresh /sys, hiding the cgroup mounts runc needs (and the agent's volume mounts
 * from podman).
 */
const IN_NS = ['nsenter', `--net=/run/netns/${NS}`];

let stack: TestStack;
let dir: string;
let runtime: DockerRuntime;
let podmanSock: string;
const children: ChildProcess[] = [];
let relay: Server | undefined;
let nsMade = false;
let agentLog = '';

function spawnLogged(argv: string[], logPath: string, env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const out = openSync(logPath, 'a');
  const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', out, out], env, detached: true });
  closeSync(out);
  children.push(child);
  return child;
}

const readLog = (p: string) => {
  try {
    return readFileSync(p, 'utf8').slice(-5000);
  } catch {
    return '';
  }
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kf-net-e2e-'));
  agentLog = join(dir, 'agent.log');
  stack = await startTestStack();
  const port = Number(new URL(stack.url).port);

  await sh('ip', 'netns', 'add', NS);
  nsMade = true;
  await inNs(NS, 'ip', 'link', 'set', 'lo', 'up');
  // The node's uplink: a veth pair with both ends inside (this kernel has no dummy driver).
  await inNs(NS, 'ip', 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth0p');
  await inNs(NS, 'ip', 'addr', 'add', `${NODE_IP}/24`, 'dev', 'eth0');
  await inNs(NS, 'ip', 'link', 'set', 'eth0p', 'up');
  await inNs(NS, 'ip', 'link', 'set', 'eth0', 'up');
  await inNs(NS, 'ip', 'route', 'add', 'default', 'via', '192.168.231.1');

  // The API relay: namespace loopback → unix socket → host loopback.
  const apiSock = join(dir, 'api.sock');
  relay = createServer((c) => {
    const up = connect(port, '127.0.0.1');
    c.pipe(up).pipe(c);
    c.on('error', () => up.destroy());
    up.on('error', () => c.destroy());
  });
  await new Promise<void>((r) => relay!.listen(apiSock, r));
  const relayJs = `const net=require('node:net');const [port,sock]=process.argv.slice(-2);net.createServer((c)=>{const u=net.connect(sock);c.pipe(u).pipe(c);c.on('error',()=>u.destroy());u.on('error',()=>c.destroy());}).listen(Number(port),'127.0.0.1',()=>console.log('ready'));`;
  const r = spawnLogged([...IN_NS, process.execPath, '-e', relayJs, String(port), apiSock], join(dir, 'relay.log'));
  await eventually(async () => (readLog(join(dir, 'relay.log')).includes('ready') ? true : r.exitCode !== null ? Promise.reject(new Error('relay exited')) : undefined), 10_000, 'api relay');

  // podman's API service inside the namespace, with network definitions of its own.
  const conf = join(dir, 'containers.conf');
  writeFileSync(conf, `${CONTAINERS_CONF}[network]\nnetwork_config_dir = "${join(dir, 'networks')}"\n`);
  podmanSock = join(dir, 'podman.sock');
  const podman = spawnLogged([...IN_NS, 'podman', 'system', 'service', '--time=0', `unix://${podmanSock}`], join(dir, 'podman.log'), { ...process.env, CONTAINERS_CONF: conf });
  await eventually(async () => ((await pingSocket(podmanSock, 1000)) ? true : podman.exitCode !== null ? Promise.reject(new Error(readLog(join(dir, 'podman.log')))) : undefined), 30_000, 'podman service');
  runtime = new DockerRuntime({ socketPath: podmanSock, nodeName: NODE_NAME });
  await ensureLocalImage(runtime.docker, { kind: 'busybox' });
  await ensureLocalImage(runtime.docker, { kind: 'pause' });

  // Join as `npm start` does, then run the agent inside the namespace with networking on.
  const fetcher = createNodeFetcher({ caPem: stack.caPem });
  const admin = new KubeClient({ fetch: fetcher, baseUrl: stack.url, token: stack.token, userAgent: 'network-e2e' });
  const token = await createBootstrapToken(admin, { ttlSeconds: 600, description: `network e2e ${NODE_NAME}` });
  fetcher.close();
  const caFile = join(dir, 'ca.crt');
  writeFileSync(caFile, stack.caPem);
  const configPath = join(dir, 'agent.yaml');
  const quiet = { out: () => undefined, err: () => undefined };
  await joinCluster({ server: stack.url, token, caFile, nodeName: NODE_NAME, configPath, stateDir: join(dir, 'state') }, quiet as never);
  writeConfig(configPath, {
    ...loadConfig(configPath),
    runtimeSocket: podmanSock,
    nodeIP: NODE_IP,
    metricsAddress: '',
    metricsPushSeconds: 0,
    network: { enabled: true, podNetwork: NETWORK, bridge: BRIDGE },
  });
  const agent = spawnLogged([...IN_NS, process.execPath, join(ROOT, 'agent/bin/kubeflare-agent.mjs'), 'run', '--config', configPath], agentLog);
  await eventually(
    async () => {
      if (agent.exitCode !== null) throw new Error(`the agent exited (${agent.exitCode}):\n${readLog(agentLog)}`);
      const n = await stack.client.get(`/api/v1/nodes/${NODE_NAME}`);
      return n.json?.status?.conditions?.find((c: { type: string }) => c.type === 'Ready')?.status === 'True' ? true : undefined;
    },
    60_000,
    'node Ready',
  );
}, 150_000);

afterAll(async () => {
  for (const c of children.slice(2).reverse()) await stop(c); // the agent first (containers stay)
  if (runtime) {
    const mine = await runtime.docker.listContainers({ all: true, filters: { label: [`${LABELS.nodeName}=${NODE_NAME}`] } }).catch(() => []);
    const sandboxLast = (c: { Labels: Record<string, string> }) => (c.Labels[LABELS.containerKind] === 'sandbox' ? 1 : 0);
    for (const c of mine.sort((a, b) => sandboxLast(a) - sandboxLast(b))) await runtime.docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined);
    await runtime.docker.getNetwork(NETWORK).remove().catch(() => undefined);
  }
  for (const c of children.slice(0, 2).reverse()) await stop(c); // podman, then the relay
  relay?.close();
  if (nsMade) await sh('ip', 'netns', 'del', NS).catch(() => undefined);
  await stack?.close();
  if (dir) {
    for (const m of readFileSync('/proc/self/mounts', 'utf8').split('\n').map((l) => l.split(' ')[1] ?? '').filter((m) => m.startsWith(`${dir}/`)).sort((a, b) => b.length - a.length)) await sh('umount', '-l', m).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

async function stop(c: ChildProcess) {
  if (c.exitCode !== null || c.signalCode !== null || !c.pid) return;
  const exited = new Promise((r) => c.once('exit', r));
  process.kill(c.pid, 'SIGTERM');
  const t = setTimeout(() => c.pid && c.exitCode === null && process.kill(c.pid, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(t);
}

const HTTPD = ['sh', '-c', 'mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www'];
const pod = (name: string, labels: Record<string, string>, command: string[]) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels },
  spec: { nodeName: NODE_NAME, terminationGracePeriodSeconds: 0, containers: [{ name: 'c', image: BUSYBOX_IMAGE, imagePullPolicy: 'Never', command, ports: [{ name: 'http', containerPort: 8080 }] }] },
});

async function ready(name: string) {
  return eventually(
    async () => {
      const p = (await stack.client.get(`/api/v1/namespaces/default/pods/${name}`)).json;
      return p?.status?.conditions?.find((c: { type: string }) => c.type === 'Ready')?.status === 'True' ? p : undefined;
    },
    60_000,
    `pod ${name} Ready`,
  ).catch(async (e: Error) => {
    const p = (await stack.client.get(`/api/v1/namespaces/default/pods/${name}`)).json;
    throw new Error(`${e.message}\nstatus: ${JSON.stringify(p?.status)}\nagent log:\n${readLog(agentLog)}`);
  });
}

/** Runs a command in the client pod's container; resolves its output and exit code. */
async function inClient(cmd: string): Promise<{ code: number; out: string }> {
  const [c] = await runtime.docker.listContainers({ filters: { label: [`${LABELS.podName}=client`, `${LABELS.container}=c`] } });
  const s = await runtime.exec(c.Id, { cmd: ['sh', '-c', cmd], tty: false, stdin: false, stdout: true, stderr: true });
  const [out, err] = await Promise.all([text(s.stdout), text(s.stderr)]);
  return { code: await s.exitCode, out: out + err };
}

/** What a failure message needs: the rules, the slices, the client's view and the agent's log. */
async function diagnose(): Promise<string> {
  const nft = await inNs(NS, 'nft', 'list', 'table', 'ip', 'kubeflare').catch((e: Error) => e.message);
  const slices = (await stack.client.get('/apis/discovery.k8s.io/v1/namespaces/default/endpointslices')).json?.items?.map((x: { endpoints?: unknown }) => x.endpoints);
  const client = await inClient('nslookup web.default.svc.cluster.local; ip addr show eth0; ip route').catch((e: Error) => ({ out: e.message }));
  const node = await inNs(NS, 'sh', '-c', 'ip -br addr; ip route').catch((e: Error) => e.message);
  return `nft:\n${nft}\nslices: ${JSON.stringify(slices)}\nclient: ${client.out}\nnode: ${node}\nagent log:\n${readLog(agentLog)}`;
}

// busybox-static's wget crashes with -T here, so the time limit comes from `timeout`.
const FETCH = (url: string, n: number) => `for i in $(seq 1 ${n}); do timeout 3 wget -q -O - ${url} || echo FAIL; done`;

describe('service networking on a real agent', () => {
  let clusterIP = '';

  it('runs pods on the node’s podCIDR with the cluster DNS in resolv.conf', async () => {
    const node = (await stack.client.get(`/api/v1/nodes/${NODE_NAME}`)).json;
    expect(node.spec.podCIDR).toMatch(/^10\.244\.\d+\.0\/24$/);
    const prefix = node.spec.podCIDR.split('.').slice(0, 3).join('.');
    for (const name of ['web-a', 'web-b']) expect((await stack.client.post('/api/v1/namespaces/default/pods', pod(name, { app: 'web' }, HTTPD))).status).toBe(201);
    expect((await stack.client.post('/api/v1/namespaces/default/pods', pod('client', { app: 'client' }, ['sh', '-c', 'exec sleep 100000']))).status).toBe(201);
    const svc = await stack.client.post('/api/v1/namespaces/default/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: NODE_PORT }] },
    });
    expect(svc.status).toBe(201);
    clusterIP = svc.json.spec.clusterIP;
    for (const name of ['web-a', 'web-b', 'client']) expect((await ready(name)).status.podIP.startsWith(`${prefix}.`)).toBe(true);
    const resolv = await inClient('cat /etc/resolv.conf');
    expect(resolv.out).toContain('nameserver 169.254.20.10');
    expect(resolv.out).toContain('search default.svc.cluster.local svc.cluster.local cluster.local');
    expect(resolv.out).toContain('options ndots:5');
  });

  it('reaches the Service by DNS name and by ClusterIP, spread over both endpoints', async () => {
    const byName = await eventually(
      async () => {
        const r = await inClient(FETCH('http://web.default.svc.cluster.local:80/', 1));
        return r.out.trim() === 'web-a' || r.out.trim() === 'web-b' ? r.out : undefined;
      },
      30_000,
      'the Service answering by name',
    ).catch(async (e: Error) => {
      throw new Error(`${e.message}\n${await diagnose()}`);
    });
    expect(['web-a', 'web-b']).toContain(byName.trim());
    const many = (await inClient(FETCH(`http://${clusterIP}/`, 24))).out.trim().split('\n');
    expect(many).toHaveLength(24);
    expect(new Set(many)).toEqual(new Set(['web-a', 'web-b']));
    const short = (await inClient(FETCH('http://web/', 1))).out.trim();
    expect(['web-a', 'web-b']).toContain(short);
  });

  it('answers the NodePort on the node address', async () => {
    const out = await inNs(NS, 'busybox', 'timeout', '3', 'busybox', 'wget', '-q', '-O', '-', `http://${NODE_IP}:${NODE_PORT}/`);
    expect(['web-a', 'web-b']).toContain(out.trim());
  });

  it('refuses connections when the Service has no endpoints, and serves again when they are back', async () => {
    const patch = (app: string) => stack.client.patch('/api/v1/namespaces/default/services/web', { spec: { selector: { app } } });
    expect((await patch('nothing')).status).toBe(200);
    await eventually(async () => ((await inClient(FETCH(`http://${clusterIP}/`, 1))).out.includes('FAIL') ? true : undefined), 20_000, 'no endpoints → refused');
    expect((await patch('web')).status).toBe(200);
    await eventually(async () => (/^web-[ab]$/.test((await inClient(FETCH(`http://${clusterIP}/`, 1))).out.trim()) ? true : undefined), 20_000, 'endpoints back → served');
  });

  it('routes another node’s podCIDR via its InternalIP, and forgets it when the Node goes', async () => {
    const made = await stack.client.post('/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: `other-${id}` }, spec: { podCIDR: '10.244.250.0/24' } });
    expect(made.status).toBe(201);
    const withStatus = { ...made.json, status: { addresses: [{ type: 'InternalIP', address: OTHER_NODE_IP }] } };
    expect((await stack.client.put(`/api/v1/nodes/other-${id}/status`, withStatus)).status).toBe(200);
    const routes = () => inNs(NS, 'ip', 'route', 'show', 'proto', ROUTE_PROTO);
    await eventually(async () => ((await routes()).includes(`10.244.250.0/24 via ${OTHER_NODE_IP}`) ? true : undefined), 15_000, 'route to the other node');
    expect((await stack.client.delete(`/api/v1/nodes/other-${id}`)).status).toBe(200);
    await eventually(async () => ((await routes()).includes('10.244.250.0/24') ? undefined : true), 15_000, 'route removed');
  });

  it('keeps its nftables table in the node when the agent stops', async () => {
    await stop(children[2]);
    const tables = await inNs(NS, 'nft', 'list', 'tables');
    expect(tables).toContain('table ip kubeflare');
    expect(await inNs(NS, 'ip', '-br', 'addr', 'show', 'kubeflare0')).toContain('169.254.20.10/32');
  });
});
