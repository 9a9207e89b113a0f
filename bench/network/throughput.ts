// bench:network phase 4: HTTP requests/s and p99 through a ClusterIP (the agent's nftables DNAT) vs
// straight to the pod address, with wrk, inside the benchmark's network namespace. The same small Node
// HTTP server (one process, keep-alive) answers both, so the ratio is the cost of the service proxy.
// Target (issue 7): ClusterIP throughput ≥ 95 % of direct. For information, the same through the
// agent's ingress proxy (ingress-server.ts, a userspace Node proxy: expect far less).
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { applyRules } from '../../agent/src/proxy';
import { ep, slice, svc } from '../../agent/src/proxy/fixtures.testing';
import { buildModel } from '../../agent/src/proxy/model';
import { printFull } from '../../agent/src/proxy/render';

export interface Result {
  name: string;
  value: string;
  target?: string;
  pass?: boolean;
}

const POD_IP = '10.244.0.2';
const POD_PORT = 8081;
const CLUSTER_IP = '10.96.200.10';
const SERVER_JS = `require('node:http').createServer((q,s)=>s.end('ok\\n')).listen(${POD_PORT},'${POD_IP}',()=>console.log('ready'));`;

export interface WrkRun {
  rps: number;
  p99Ms: number;
}

/** wrk's "Requests/sec:" and the 99% line of --latency, in ms. */
export function parseWrk(out: string): WrkRun {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const m = /^\s*99%\s+([\d.]+)(us|ms|s)\s*$/m.exec(out);
  if (!Number.isFinite(rps) || !m) throw new Error(`unexpected wrk output:\n${out}`);
  const p99Ms = Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1);
  return { rps, p99Ms };
}

function run(argv: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (err += d));
    c.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${argv.join(' ')}: ${err || out}`))));
  });
}

export async function wrkAvailable(): Promise<boolean> {
  return run(['wrk', '--version']).then(
    () => true,
    (e: Error) => /(^|: )wrk \S+ \[/m.test(e.message), // wrk --version exits 1 after printing "wrk <version> [epoll] ..."
  );
}

export async function throughput(ns: string, children: ChildProcess[], log: (m: string) => void, opts: { seconds: number; connections: number; rounds: number }): Promise<Result[]> {
  if (!(await wrkAvailable())) {
    log('wrk is not installed (Debian: apt-get install -y wrk): ClusterIP throughput NOT measured');
    return [{ name: 'ClusterIP vs direct throughput', value: 'not measured: wrk unavailable (apt-get install -y wrk)' }];
  }
  log(`throughput: wrk -c${opts.connections} -d${opts.seconds}s, ${opts.rounds} rounds each, direct vs ClusterIP`);
  const model = buildModel({
    nodeName: 'bench',
    nodeIPs: ['192.168.250.1'],
    services: [svc('web', { clusterIP: CLUSTER_IP, ports: [{ name: 'http', port: 80, targetPort: POD_PORT }] })],
    endpointSlices: [slice('web', [{ name: 'http', port: POD_PORT }], [ep(POD_IP, 'bench')])],
  });
  await applyRules(printFull(model), { netns: ns });
  const server = spawn('ip', ['netns', 'exec', ns, process.execPath, '-e', SERVER_JS], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(server);
  await new Promise((r) => createInterface({ input: server.stdout! }).once('line', r));
  const wrk = async (url: string, ...extra: string[]) => parseWrk(await run(['ip', 'netns', 'exec', ns, 'wrk', '-t1', `-c${opts.connections}`, `-d${opts.seconds}s`, '--latency', ...extra, url]));
  // Warm up both paths (JIT, conntrack), then alternate so drifting machine load hits both alike.
  await wrk(`http://${POD_IP}:${POD_PORT}/`);
  await wrk(`http://${CLUSTER_IP}/`);
  const direct: WrkRun[] = [];
  const viaService: WrkRun[] = [];
  for (let i = 0; i < opts.rounds; i++) {
    // Pairs in alternating order; the ratio is taken per pair (the machine's load drifts between pairs).
    if (i % 2) viaService.push(await wrk(`http://${CLUSTER_IP}/`));
    direct.push(await wrk(`http://${POD_IP}:${POD_PORT}/`));
    if (i % 2 === 0) viaService.push(await wrk(`http://${CLUSTER_IP}/`));
    log(`  round ${i + 1}: direct ${direct[i].rps.toFixed(0)} req/s p99 ${direct[i].p99Ms.toFixed(2)} ms; ClusterIP ${viaService[i].rps.toFixed(0)} req/s p99 ${viaService[i].p99Ms.toFixed(2)} ms`);
  }
  const proxy = spawn('ip', ['netns', 'exec', ns, process.execPath, '--import', 'tsx', join(import.meta.dirname, 'ingress-server.ts'), '18080', POD_IP, String(POD_PORT)], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(proxy);
  await new Promise((r) => createInterface({ input: proxy.stdout! }).once('line', r));
  const ingressUrl = 'http://127.0.0.1:18080/';
  await wrk(ingressUrl, '-H', 'Host: bench.example');
  const viaIngress: WrkRun[] = [];
  for (let i = 0; i < opts.rounds; i++) viaIngress.push(await wrk(ingressUrl, '-H', 'Host: bench.example'));
  log(`  ingress proxy: ${viaIngress.map((r) => `${r.rps.toFixed(0)} req/s p99 ${r.p99Ms.toFixed(2)} ms`).join('; ')}`);
  proxy.kill('SIGKILL');
  server.kill('SIGKILL');
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const d = { rps: median(direct.map((r) => r.rps)), p99: median(direct.map((r) => r.p99Ms)) };
  const c = { rps: median(viaService.map((r) => r.rps)), p99: median(viaService.map((r) => r.p99Ms)) };
  const ratio = median(direct.map((r, i) => viaService[i].rps / r.rps));
  return [
    { name: `HTTP straight to the pod IP (wrk -c${opts.connections}, median of ${opts.rounds} × ${opts.seconds} s): req/s, p99`, value: `${d.rps.toFixed(0)} req/s, ${d.p99.toFixed(2)} ms` },
    { name: 'HTTP through the ClusterIP (nftables DNAT): req/s, p99', value: `${c.rps.toFixed(0)} req/s, ${c.p99.toFixed(2)} ms` },
    { name: `ClusterIP throughput / direct (median of ${opts.rounds} back-to-back pairs)`, value: `${(ratio * 100).toFixed(1)} %`, target: '≥ 95 %', pass: ratio >= 0.95 },
    { name: 'HTTP through the ingress proxy (Node, one process): req/s, p99', value: `${median(viaIngress.map((r) => r.rps)).toFixed(0)} req/s, ${median(viaIngress.map((r) => r.p99Ms)).toFixed(2)} ms (${((median(viaIngress.map((r) => r.rps)) / d.rps) * 100).toFixed(1)} % of direct)` },
  ];
}
