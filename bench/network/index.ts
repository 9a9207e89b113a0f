// `npm run bench:network` (issue 7's benchmark, the parts that exist so far). Every rule goes into a
// network namespace this run creates and deletes; nothing touches the host's network.
//   1. scale: 1,000 Services × 10 endpoints (BENCH_SERVICES, BENCH_ENDPOINTS) rendered and applied whole
//      with `nft -f`, then one endpoint changed (render of the delta + apply), BENCH_CHANGES times
//      (default 100: the p99 of fewer is just their maximum);
//   2. programming latency: the local stack and a ServiceProxy applying into the namespace; a Service
//      and its EndpointSlice are created through the API, and the time from the slice's committed
//      write to the first TCP connection answered through the ClusterIP is measured (BENCH_PROBES);
//   3. DNS: queries over UDP to the cluster DNS server (loopback) with the same 1,000 Services loaded;
//   4. throughput: wrk through a ClusterIP vs straight to the pod address (throughput.ts; BENCH_WRK_SECONDS,
//      BENCH_WRK_CONNECTIONS, BENCH_WRK_ROUNDS); reported as not measured when wrk is missing.
// Targets (issue 7): programming p99 ≤ 1 s; one endpoint change at 1,000 Services ≤ 100 ms; ClusterIP
// throughput ≥ 95 % of direct. BENCH_PARTS (e.g. "scale,dns") runs only some parts; default all four.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DnsServer, dnsQuery } from '../../agent/src/dns';
import { TYPE } from '../../agent/src/dns/wire';
import { createNodeFetcher } from '../../agent/src/http';
import { applyRules, removeRules, ServiceProxy } from '../../agent/src/proxy';
import { renderDelta } from '../../agent/src/proxy/delta';
import { ep, slice, svc } from '../../agent/src/proxy/fixtures.testing';
import { buildModel } from '../../agent/src/proxy/model';
import { printFull } from '../../agent/src/proxy/render';
import type { EndpointSlice, Service } from '../../agent/src/proxy/types';
import { startStack } from '../../local/stack';
import { ApiClient } from '../../workers/kube/client';
import { throughput } from './throughput';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 1000);
const ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 10);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 100);
const PROBES = Number(process.env.BENCH_PROBES ?? 20);
const DNS_QUERIES = Number(process.env.BENCH_DNS_QUERIES ?? 5000);
const PARTS = new Set((process.env.BENCH_PARTS ?? 'scale,programming,dns,throughput').split(',').map((p) => p.trim()));
const NS = `kf-bench-net-${randomBytes(3).toString('hex')}`;
const log = (m: string) => process.stderr.write(`[bench ${(performance.now() / 1000).toFixed(1)}s] ${m}\n`);
const sh = (argv: string[]) =>
  new Promise<string>((resolve, reject) => {
    const c = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (err += d));
    c.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${argv.join(' ')}: ${err}`))));
  });
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (n: number) => `${n.toFixed(1)} ms`;
const results: { name: string; value: string; target?: string; pass?: boolean }[] = [];

function cluster(n: number, endpoints: number, shift = 0): { services: Service[]; endpointSlices: EndpointSlice[] } {
  const services: Service[] = [];
  const endpointSlices: EndpointSlice[] = [];
  for (let i = 0; i < n; i++) {
    services.push(svc(`s${i}`, { clusterIP: `10.96.${Math.floor(i / 250)}.${(i % 250) + 2}`, ports: [{ name: 'http', port: 80 }] }));
    const eps = Array.from({ length: endpoints }, (_, j) => ep(`10.${64 + Math.floor(i / 256)}.${i % 256}.${j + 2 + (i === 0 ? shift : 0)}`));
    endpointSlices.push(slice(`s${i}`, [{ name: 'http', port: 8080 }], eps));
  }
  return { services, endpointSlices };
}

async function scale() {
  log(`scale: ${SERVICES} Services × ${ENDPOINTS} endpoints`);
  const base = { nodeName: 'bench', nodeIPs: ['192.168.250.1'] };
  let t = performance.now();
  const world = cluster(SERVICES, ENDPOINTS);
  let model = buildModel({ ...base, ...world });
  const script = printFull(model);
  const renderMs = performance.now() - t;
  t = performance.now();
  await applyRules(script, { netns: NS });
  const applyMs = performance.now() - t;
  results.push({ name: `full render + apply (${SERVICES}×${ENDPOINTS}, ${(script.length / 1e6).toFixed(1)} MB)`, value: `${ms(renderMs)} + ${ms(applyMs)}` });
  // nft 1.0.x reads every chain and set of the netns before each command: that, not the change, is
  // what an incremental apply costs, so say how many there are.
  const count = async (what: string) => (await sh(['ip', 'netns', 'exec', NS, 'nft', '-t', 'list', what])).split('\n').filter((l) => /^\s*(chain|set|map) /.test(l)).length;
  results.push({ name: 'what nft reads before each command: chains / named sets and maps in the netns', value: `${await count('chains')} / ${(await count('sets')) + (await count('maps'))}` });
  const times: number[] = [];
  const builds: number[] = [];
  const totals: number[] = [];
  for (let k = 1; k <= CHANGES; k++) {
    // As the watch hands them over: a new object for the changed slice, the same objects for the rest.
    const inputs = { services: world.services, endpointSlices: [cluster(1, ENDPOINTS, k).endpointSlices[0], ...world.endpointSlices.slice(1)] };
    t = performance.now();
    const next = buildModel({ ...base, ...inputs });
    const delta = renderDelta(model, next);
    if (!delta) throw new Error('expected an incremental delta');
    builds.push(performance.now() - t);
    const t2 = performance.now();
    await applyRules(delta, { netns: NS });
    times.push(performance.now() - t2);
    totals.push(performance.now() - t);
    if (k === 1) log(`one endpoint change: ${delta.split('\n').length - 1} nft lines`);
    model = next;
  }
  const p99 = pct(times, 99);
  results.push({ name: `one endpoint change at ${SERVICES} Services: nft apply of the delta, p50/p99 (${CHANGES} changes)`, value: `${ms(pct(times, 50))} / ${ms(p99)}`, target: '≤ 100 ms', pass: p99 <= 100 });
  results.push({ name: 'one endpoint change: rebuilding the model + delta in the agent (CPU), p50/p99', value: `${ms(pct(builds, 50))} / ${ms(pct(builds, 99))}` });
  results.push({ name: 'one endpoint change end to end (model + delta + nft apply), p50/p99', value: `${ms(pct(totals, 50))} / ${ms(pct(totals, 99))}` });
}

/** A prober in the namespace: for each "ip port" line, connects until a reply comes, then prints the line. */
const PROBER_JS = `
const net = require('node:net');
const rl = require('node:readline').createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const [host, port] = line.split(' ');
  const attempt = () => {
    const s = net.connect({ host, port: Number(port) });
    s.setTimeout(500, () => s.destroy(new Error('timeout')));
    s.once('data', () => { s.destroy(); console.log(line); });
    s.once('error', () => setTimeout(attempt, 2));
  };
  attempt();
});
console.log('ready');
`;
const SERVER_JS = `require('node:net').createServer((s) => s.end('ok\\n')).listen(8080, '10.244.0.2', () => console.log('ready'));`;

async function programming(children: ChildProcess[]) {
  log(`programming latency: ${PROBES} Services created through the API`);
  const dir = mkdtempSync(join(tmpdir(), 'kubeflare-bench-net-'));
  const stack = await startStack({ stateDir: dir, port: 0, persist: false });
  const fetcher = createNodeFetcher({ caPem: stack.caPem });
  const api = new ApiClient({ fetch: fetcher, baseUrl: stack.url, token: stack.token, userAgent: 'bench-network' });
  const start = (js: string) => {
    const c = spawn('ip', ['netns', 'exec', NS, process.execPath, '-e', js], { stdio: ['pipe', 'pipe', 'inherit'] });
    children.push(c);
    const lines = createInterface({ input: c.stdout! });
    return { c, lines };
  };
  const server = start(SERVER_JS);
  await new Promise((r) => server.lines.once('line', r));
  const prober = start(PROBER_JS);
  await new Promise((r) => prober.lines.once('line', r));
  const waiting = new Map<string, (t: number) => void>();
  prober.lines.on('line', (l) => waiting.get(l)?.(performance.now()));
  const proxy = new ServiceProxy({ api, nodeName: 'bench', nodeIPs: ['192.168.250.1'], tableName: 'kubeflare', apply: (s) => applyRules(s, { netns: NS }), onError: (e) => log(`proxy: ${String(e)}`) });
  proxy.start();
  const lat: number[] = [];
  try {
    for (let i = 0; i < PROBES; i++) {
      const name = `probe-${i}`;
      const s = await api.create<Service>('/api/v1/namespaces/default/services', { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ports: [{ name: 'http', port: 80 }] } });
      const key = `${s.spec!.clusterIP} 80`;
      const seen = new Promise<number>((r) => waiting.set(key, r));
      await api.create('/apis/discovery.k8s.io/v1/namespaces/default/endpointslices', {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: `${name}-x`, labels: { 'kubernetes.io/service-name': name } },
        addressType: 'IPv4',
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        endpoints: [{ addresses: ['10.244.0.2'], conditions: { ready: true } }],
      });
      const committed = performance.now();
      prober.c.stdin!.write(`${key}\n`);
      lat.push((await seen) - committed);
    }
  } finally {
    await proxy.stop();
    fetcher.close();
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const p99 = pct(lat, 99);
  results.push({ name: `programming latency (EndpointSlice committed → ClusterIP answers), p50/p99 of ${PROBES}`, value: `${ms(pct(lat, 50))} / ${ms(p99)}`, target: '≤ 1000 ms', pass: p99 <= 1000 });
}

async function dns() {
  log(`dns: ${DNS_QUERIES} queries, ${SERVICES} Services in the zone`);
  const server = new DnsServer({ host: '127.0.0.1', port: 0, upstreams: [] });
  await server.start();
  const c = cluster(SERVICES, ENDPOINTS);
  server.update(c.services, c.endpointSlices);
  const lat: number[] = [];
  try {
    for (let i = 0; i < DNS_QUERIES; i++) {
      const t = performance.now();
      const r = await dnsQuery({ host: '127.0.0.1', port: server.port }, `s${i % SERVICES}.default.svc.cluster.local`, TYPE.A);
      lat.push(performance.now() - t);
      if (r.answers.length !== 1) throw new Error(`no answer for s${i % SERVICES}`);
    }
  } finally {
    await server.stop();
  }
  results.push({ name: `DNS A query over UDP (one at a time), p50/p99 of ${DNS_QUERIES}`, value: `${ms(pct(lat, 50))} / ${ms(pct(lat, 99))}` });
}

const children: ChildProcess[] = [];
await sh(['ip', 'netns', 'add', NS]);
try {
  await sh(['ip', 'netns', 'exec', NS, 'ip', 'link', 'set', 'lo', 'up']);
  await sh(['ip', 'netns', 'exec', NS, 'ip', 'addr', 'add', '10.244.0.2/32', 'dev', 'lo']);
  // A node address and a default route: a ClusterIP must be routable before OUTPUT's DNAT sees it.
  for (const argv of [
    ['ip', 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth0p'],
    ['ip', 'addr', 'add', '192.168.250.1/24', 'dev', 'eth0'],
    ['ip', 'link', 'set', 'eth0p', 'up'],
    ['ip', 'link', 'set', 'eth0', 'up'],
    ['ip', 'route', 'add', 'default', 'via', '192.168.250.2'],
  ])
    await sh(['ip', 'netns', 'exec', NS, ...argv]);
  if (PARTS.has('scale')) await scale();
  await removeRules('kubeflare', { netns: NS });
  if (PARTS.has('programming')) await programming(children);
  if (PARTS.has('dns')) await dns();
  const wrkOpts = { seconds: Number(process.env.BENCH_WRK_SECONDS ?? 5), connections: Number(process.env.BENCH_WRK_CONNECTIONS ?? 32), rounds: Number(process.env.BENCH_WRK_ROUNDS ?? 7) };
  if (PARTS.has('throughput')) results.push(...(await throughput(NS, children, log, wrkOpts)));
} finally {
  for (const c of children) if (c.exitCode === null && c.pid) c.kill('SIGKILL');
  await sh(['ip', 'netns', 'del', NS]).catch(() => undefined);
}

console.log('\nkubeflare service networking benchmark');
for (const r of results) console.log(`  ${r.pass === undefined ? 'INFO' : r.pass ? 'PASS' : 'FAIL'}  ${r.name}: ${r.value}${r.target ? ` (target ${r.target})` : ''}`);
const [load1, load5] = (await import('node:os')).loadavg();
console.log(`  machine: ${(await import('node:os')).cpus().length} cores, load average ${load1.toFixed(2)} (1 min) ${load5.toFixed(2)} (5 min) at the end`);
process.exit(results.some((r) => r.pass === false) ? 1 : 0);
