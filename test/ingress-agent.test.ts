// Ingress end to end (issue 7 item 5): the real stack, a real agent with `ingress.enabled` inside a
// network namespace this test creates (the "node"), two Services whose endpoints are small HTTP servers
// in that namespace, one Ingress with two hosts × two paths and TLS for both hosts from two Secrets
// picked by SNI; the requests are real HTTP/HTTPS from inside the namespace to the node's address.
// Nothing touches the host's network: the API is reached through a relay (namespace loopback → unix
// socket → host loopback), as in network-agent.test.ts; the namespace is deleted at the end.
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
import { testCa } from '../agent/src/ingress/certs.testing';
import { inNs, sh } from '../agent/src/proxy/netns.testing';
import { createBootstrapToken } from '../local/bootstrap-token';
import { ROOT } from '../local/stack';
import { ApiClient as KubeClient } from '../workers/kube/client';
import { eventually } from './eventually';
import { ApiClient, startTestStack, type TestStack } from './harness';

const id = randomBytes(3).toString('hex');
const NS = `kf-e2e-ing-${id}`;
const NODE_IP = '192.168.232.10';
const NODE_NAME = `ing-${id}`;
const HTTP_PORT = 18080;
const HTTPS_PORT = 18443;
/** Endpoints: alpha-1 and alpha-2 back Service "alpha", beta-1 backs "beta". */
const BACKENDS = { 'alpha-1': '10.99.0.11', 'alpha-2': '10.99.0.12', 'beta-1': '10.99.0.13' };
const IN_NS = ['nsenter', `--net=/run/netns/${NS}`];
const NSP = '/api/v1/namespaces/default';

let stack: TestStack;
let dir: string;
let nsMade = false;
let relay: Server | undefined;
let nodeClient: ApiClient | undefined;
const children: ChildProcess[] = [];
const ca = testCa();
let agentLog = '';

const readLog = (p: string) => {
  try {
    return readFileSync(p, 'utf8').slice(-5000);
  } catch {
    return '';
  }
};

function spawnLogged(argv: string[], logPath: string): ChildProcess {
  const out = openSync(logPath, 'a');
  const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', out, out], detached: true });
  closeSync(out);
  children.push(child);
  return child;
}

async function stop(c: ChildProcess) {
  if (c.exitCode !== null || c.signalCode !== null || !c.pid) return;
  const exited = new Promise((r) => c.once('exit', r));
  process.kill(c.pid, 'SIGTERM');
  const t = setTimeout(() => c.pid && c.exitCode === null && process.kill(c.pid, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(t);
}

// Each backend answers with its name and what it received.
const BACKEND_CJS = `const http=require('node:http');const list=JSON.parse(process.argv[2]);let n=0;
for(const [name,ip] of list){http.createServer((q,s)=>{s.setHeader('content-type','application/json');s.end(JSON.stringify({name,url:q.url,headers:q.headers}))}).listen(8080,ip,()=>{if(++n===list.length)console.log('ready')})}`;

// Runs requests inside the namespace; prints one JSON line of results.
const CLIENT_CJS = `const http=require('node:http'),https=require('node:https');const reqs=JSON.parse(process.argv[2]);
const one=(r)=>new Promise((res)=>{const m=r.tls?https:http;const q=m.request({host:r.ip,port:r.port,path:r.path,headers:{host:r.host},agent:false,
...(r.tls?{servername:r.sni,ca:r.ca}:{})},(s)=>{let b='';const pc=r.tls?s.socket.getPeerCertificate():null;const cn=pc?String(pc.subject.CN):'',san=pc?String(pc.subjectaltname):'';s.on('data',(d)=>b+=d);s.on('end',()=>res({status:s.statusCode,body:b,cn,san}))});
q.on('error',(e)=>res({status:0,body:String(e),cn:'',san:''}));q.end()});
(async()=>{const out=[];for(const r of reqs)out.push(await one(r));console.log(JSON.stringify(out))})();`;

interface Req {
  host: string;
  path: string;
  tls?: boolean;
}
interface Res {
  status: number;
  body: string;
  /** The served certificate's subject CN and subjectAltName (HTTPS only). */
  cn: string;
  san: string;
}

async function fetchInNs(reqs: Req[]): Promise<Res[]> {
  const full = reqs.map((r) => ({ ...r, ip: NODE_IP, port: r.tls ? HTTPS_PORT : HTTP_PORT, sni: r.host, ca: ca.cert }));
  return JSON.parse(await inNs(NS, process.execPath, join(dir, 'client.cjs'), JSON.stringify(full)));
}
const nameOf = (r: Res) => {
  try {
    return (JSON.parse(r.body) as { name: string }).name;
  } catch {
    return `${r.status}: ${r.body.trim()}`;
  }
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kf-ing-e2e-'));
  agentLog = join(dir, 'agent.log');
  writeFileSync(join(dir, 'backend.cjs'), BACKEND_CJS);
  writeFileSync(join(dir, 'client.cjs'), CLIENT_CJS);
  stack = await startTestStack();
  const port = Number(new URL(stack.url).port);

  await sh('ip', 'netns', 'add', NS);
  nsMade = true;
  await inNs(NS, 'ip', 'link', 'set', 'lo', 'up');
  await inNs(NS, 'ip', 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth0p');
  await inNs(NS, 'ip', 'addr', 'add', `${NODE_IP}/24`, 'dev', 'eth0');
  await inNs(NS, 'ip', 'link', 'set', 'eth0p', 'up');
  await inNs(NS, 'ip', 'link', 'set', 'eth0', 'up');
  for (const ip of Object.values(BACKENDS)) await inNs(NS, 'ip', 'addr', 'add', `${ip}/32`, 'dev', 'lo');

  const apiSock = join(dir, 'api.sock');
  relay = createServer((c) => {
    const up = connect(port, '127.0.0.1');
    c.pipe(up).pipe(c);
    c.on('error', () => up.destroy());
    up.on('error', () => c.destroy());
  });
  await new Promise<void>((r) => relay!.listen(apiSock, r));
  const relayJs = `const net=require('node:net');const [port,sock]=process.argv.slice(-2);net.createServer((c)=>{const u=net.connect(sock);c.pipe(u).pipe(c);c.on('error',()=>u.destroy());u.on('error',()=>c.destroy());}).listen(Number(port),'127.0.0.1',()=>console.log('ready'));`;
  spawnLogged([...IN_NS, process.execPath, '-e', relayJs, String(port), apiSock], join(dir, 'relay.log'));
  spawnLogged([...IN_NS, process.execPath, join(dir, 'backend.cjs'), JSON.stringify(Object.entries(BACKENDS))], join(dir, 'backend.log'));
  await eventually(async () => (readLog(join(dir, 'relay.log')).includes('ready') && readLog(join(dir, 'backend.log')).includes('ready') ? true : undefined), 10_000, 'relay and backends');

  // Join as a real host does, then run the agent in the namespace with only the ingress proxy.
  const fetcher = createNodeFetcher({ caPem: stack.caPem });
  const admin = new KubeClient({ fetch: fetcher, baseUrl: stack.url, token: stack.token, userAgent: 'ingress-e2e' });
  const token = await createBootstrapToken(admin, { ttlSeconds: 600, description: `ingress e2e ${NODE_NAME}` });
  fetcher.close();
  const caFile = join(dir, 'ca.crt');
  writeFileSync(caFile, stack.caPem);
  const configPath = join(dir, 'agent.yaml');
  const quiet = { out: () => undefined, err: () => undefined };
  await joinCluster({ server: stack.url, token, caFile, nodeName: NODE_NAME, configPath, stateDir: join(dir, 'state') }, quiet as never);
  const config = loadConfig(configPath);
  writeConfig(configPath, { ...config, nodeIP: NODE_IP, metricsAddress: '', metricsPushSeconds: 0, ingress: { enabled: true, httpPort: HTTP_PORT, httpsPort: HTTPS_PORT, secretRefreshSeconds: 2 } });
  nodeClient = new ApiClient(stack.url, config.token, stack.caPem);
  const agent = spawnLogged([...IN_NS, process.execPath, '--import', 'tsx', join(ROOT, 'agent/src/ingress/agent-entry.testing.ts'), configPath], agentLog);
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
  nodeClient?.close();
  for (const c of [...children].reverse()) await stop(c);
  relay?.close();
  if (nsMade) await sh('ip', 'netns', 'del', NS).catch(() => undefined);
  await stack?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

function service(name: string, ips: string[]) {
  return [
    { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ports: [{ name: 'http', port: 80, targetPort: 8080 }] } },
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: `${name}-manual`, labels: { 'kubernetes.io/service-name': name, 'endpointslice.kubernetes.io/managed-by': 'ingress-e2e' } },
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      endpoints: ips.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
    },
  ] as const;
}

const tlsSecret = (name: string, c: { cert: string; key: string }) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name },
  type: 'kubernetes.io/tls',
  data: { 'tls.crt': Buffer.from(c.cert).toString('base64'), 'tls.key': Buffer.from(c.key).toString('base64') },
});

const backend = (service: string) => ({ service: { name: service, port: { number: 80 } } });

describe('Ingress on a real agent', () => {
  it('has the default IngressClass of kubeflare’s controller from bootstrap', async () => {
    const cls = await stack.client.get('/apis/networking.k8s.io/v1/ingressclasses/kubeflare');
    expect(cls.status).toBe(200);
    expect(cls.json.spec.controller).toBe('kubeflare.dev/ingress');
    expect(cls.json.metadata.annotations['ingressclass.kubernetes.io/is-default-class']).toBe('true');
  });

  it('routes two hosts and two paths to two Services, with TLS by SNI', async () => {
    const [a, aSlice] = service('alpha', [BACKENDS['alpha-1'], BACKENDS['alpha-2']]);
    const [b, bSlice] = service('beta', [BACKENDS['beta-1']]);
    const [e] = service('empty', []);
    for (const s of [a, b, e]) expect((await stack.client.post(`${NSP}/services`, s)).status).toBe(201);
    for (const s of [aSlice, bSlice]) expect((await stack.client.post('/apis/discovery.k8s.io/v1/namespaces/default/endpointslices', s)).status).toBe(201);
    expect((await stack.client.post(`${NSP}/secrets`, tlsSecret('alpha-tls', ca.sign(['alpha.example'])))).status).toBe(201);
    expect((await stack.client.post(`${NSP}/secrets`, tlsSecret('beta-tls', ca.sign(['beta.example'])))).status).toBe(201);
    const ing = await stack.client.post('/apis/networking.k8s.io/v1/namespaces/default/ingresses', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web' },
      spec: {
        tls: [{ hosts: ['alpha.example'], secretName: 'alpha-tls' }, { hosts: ['beta.example'], secretName: 'beta-tls' }],
        rules: [
          { host: 'alpha.example', http: { paths: [{ path: '/app', pathType: 'Prefix', backend: backend('alpha') }, { path: '/exact', pathType: 'Exact', backend: backend('beta') }, { path: '/empty', pathType: 'Prefix', backend: backend('empty') }] } },
          { host: 'beta.example', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('beta') }, { path: '/alpha', pathType: 'Prefix', backend: backend('alpha') }] } },
        ],
      },
    });
    expect(ing.status).toBe(201);

    const cases: [Req, string][] = [
      [{ host: 'alpha.example', path: '/app/x' }, 'alpha'],
      [{ host: 'alpha.example', path: '/exact' }, 'beta-1'],
      [{ host: 'beta.example', path: '/anything' }, 'beta-1'],
      [{ host: 'beta.example', path: '/alpha/y' }, 'alpha'],
    ];
    const got = await eventually(
      async () => {
        const res = await fetchInNs([...cases.map(([r]) => r), ...cases.map(([r]) => ({ ...r, tls: true }))]);
        return res.every((r) => r.status === 200) ? res : undefined;
      },
      30_000,
      'every route answering over HTTP and HTTPS',
    ).catch((err: Error) => {
      throw new Error(`${err.message}\nagent log:\n${readLog(agentLog)}`);
    });
    const names = got.map(nameOf);
    cases.forEach(([, want], i) => {
      for (const name of [names[i], names[i + cases.length]]) expect(want === 'alpha' ? /^alpha-[12]$/.test(name) : name === want).toBe(true);
    });
    // Certificates by SNI, verified against the CA by the client.
    expect(got.slice(cases.length).map((r) => r.cn)).toEqual(['alpha.example', 'alpha.example', 'beta.example', 'beta.example']);
    const seen = JSON.parse(got[cases.length].body) as { headers: Record<string, string> };
    expect(seen.headers).toMatchObject({ host: 'alpha.example', 'x-forwarded-proto': 'https', 'x-forwarded-port': String(HTTPS_PORT), 'x-forwarded-host': 'alpha.example' });
    expect(seen.headers['x-forwarded-for']).toBe(NODE_IP);
  });

  it('spreads a Service’s traffic over its endpoints (round robin)', async () => {
    const res = await fetchInNs(Array.from({ length: 6 }, () => ({ host: 'alpha.example', path: '/app' })));
    const names = res.map(nameOf);
    expect(names.filter((n) => n === 'alpha-1')).toHaveLength(3);
    expect(names.filter((n) => n === 'alpha-2')).toHaveLength(3);
  });

  it('answers 404 for an unknown host, 404 off the paths, 503 for a Service without endpoints', async () => {
    const [unknown, offPath, empty] = await fetchInNs([
      { host: 'nobody.example', path: '/' },
      { host: 'alpha.example', path: '/exact/more' },
      { host: 'alpha.example', path: '/empty' },
    ]);
    expect(unknown.status).toBe(404);
    expect(offPath.status).toBe(404);
    expect(empty.status).toBe(503);
    expect(empty.body).toContain('service "default/empty" has no ready endpoints');
  });

  it('publishes the node address in status.loadBalancer', async () => {
    const lb = await eventually(
      async () => {
        const i = (await stack.client.get('/apis/networking.k8s.io/v1/namespaces/default/ingresses/web')).json;
        return i?.status?.loadBalancer?.ingress?.length ? i.status.loadBalancer : undefined;
      },
      30_000,
      'Ingress status',
    );
    expect(lb).toEqual({ ingress: [{ ip: NODE_IP }] });
    const node = (await stack.client.get(`/api/v1/nodes/${NODE_NAME}`)).json;
    expect(node.metadata.labels['kubeflare.dev/ingress-proxy']).toBe('true');
  });

  it('lets the node read the TLS Secrets Ingresses of its class name, and no other Secret', async () => {
    const other = ca.sign(['other.example']);
    expect((await stack.client.post(`${NSP}/secrets`, { metadata: { name: 'unrelated' }, stringData: { k: 'v' } })).status).toBe(201);
    expect((await stack.client.post(`${NSP}/secrets`, { metadata: { name: 'opaque' }, stringData: { 'tls.crt': other.cert, 'tls.key': other.key } })).status).toBe(201);
    expect((await stack.client.post(`${NSP}/secrets`, tlsSecret('nginx-tls', other))).status).toBe(201);
    expect((await stack.client.post('/apis/networking.k8s.io/v1/ingressclasses', { metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } })).status).toBe(201);
    const ingress = (name: string, spec: Record<string, unknown>) => stack.client.post('/apis/networking.k8s.io/v1/namespaces/default/ingresses', { metadata: { name }, spec: { ...spec, defaultBackend: backend('beta') } });
    // Named by an Ingress of ours but not a TLS Secret; a TLS Secret named by another controller's Ingress.
    expect((await ingress('names-opaque', { tls: [{ secretName: 'opaque' }] })).status).toBe(201);
    expect((await ingress('theirs', { ingressClassName: 'nginx', tls: [{ secretName: 'nginx-tls' }] })).status).toBe(201);
    expect((await nodeClient!.get(`${NSP}/secrets/alpha-tls`)).status).toBe(200);
    for (const name of ['unrelated', 'opaque', 'nginx-tls']) expect([name, (await nodeClient!.get(`${NSP}/secrets/${name}`)).status]).toEqual([name, 403]);
    expect((await nodeClient!.get(`${NSP}/secrets`)).status).toBe(403);
    expect((await nodeClient!.get(`${NSP}/secrets?fieldSelector=metadata.name%3Dalpha-tls`)).status).toBe(403);
    for (const name of ['names-opaque', 'theirs']) expect((await stack.client.delete(`/apis/networking.k8s.io/v1/namespaces/default/ingresses/${name}`)).status).toBe(200);
  });

  it('follows a change of the Ingress: a new path and a rotated certificate', async () => {
    const path = '/apis/networking.k8s.io/v1/namespaces/default/ingresses/web';
    const cur = (await stack.client.get(path)).json;
    cur.spec.rules[0].http.paths.push({ path: '/new', pathType: 'Exact', backend: backend('beta') });
    expect((await stack.client.put(path, cur)).status).toBe(200);
    const rotated = ca.sign(['alpha.example', 'rotated.alpha.example']);
    const secret = (await stack.client.get(`${NSP}/secrets/alpha-tls`)).json;
    expect((await stack.client.put(`${NSP}/secrets/alpha-tls`, { ...secret, data: tlsSecret('alpha-tls', rotated).data })).status).toBe(200);
    await eventually(async () => (nameOf((await fetchInNs([{ host: 'alpha.example', path: '/new' }]))[0]) === 'beta-1' ? true : undefined), 20_000, 'the new path');
    // The agent re-reads Secrets every 2 s here: the served certificate becomes the rotated one.
    await eventually(
      async () => {
        const [r] = await fetchInNs([{ host: 'alpha.example', path: '/app', tls: true }]);
        return r.status === 200 && r.san.includes('rotated.alpha.example') ? r : undefined;
      },
      20_000,
      'https after rotation',
    );
  });
});
