// `npm run bench:api:profile`: where a pod create's CPU goes inside workerd. Starts the API alone
// (as bench:api does) with the V8 inspector open, runs BENCH_PROFILE_CREATES creates from 10 clients
// (then as many updates, Lease renewals and GETs, and BENCH_PROFILE_LISTS lists); BENCH_PROFILE_PHASE picks the profiled one, and prints each phase's latency and a CPU profile per
// workerd isolate, by source file and by function.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack } from '../../local/stack';
import { Profiler } from '../scheduler/profile';
import { printProfile } from '../scheduler/report';
import { expectStatus, makeEndpoint, closeEndpoint } from './http-client';
import { makePod } from './pod';
import { workerdCpu } from '../support/proc';

const CREATES = Number(process.env.BENCH_PROFILE_CREATES ?? 2000);
const CLIENTS = Number(process.env.BENCH_PROFILE_CLIENTS ?? 10);
const PORT = Number(process.env.KUBEFLARE_INSPECTOR_PORT ?? 9229);
process.env.KUBEFLARE_INSPECTOR_PORT = String(PORT);
const phase = process.env.BENCH_PROFILE_PHASE ?? 'create';

const dir = mkdtempSync(join(tmpdir(), 'kubeflare-profile-'));
const stack = await startStack({ stateDir: dir, port: 0, persist: false, vars: { WATCH_POLL_MS: '1000', ...JSON.parse(process.env.BENCH_API_VARS ?? '{}') }, components: false });
const ep = makeEndpoint(stack.url, { Authorization: `Bearer ${stack.token}`, Accept: 'application/json' }, stack.caPem);
const json = { 'Content-Type': 'application/json' };
const pct = (xs: number[], p: number) => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))].toFixed(1);
try {
  await expectStatus(ep, [201], 'POST', '/api/v1/namespaces', JSON.stringify({ metadata: { name: 'prof' } }), json);
  await expectStatus(ep, [201], 'POST', '/api/v1/namespaces/prof/serviceaccounts', JSON.stringify({ metadata: { name: 'default' } }), json);
  // Warm-up (first requests compile code paths).
  for (let i = 0; i < 50; i++) await expectStatus(ep, [201], 'POST', '/api/v1/namespaces/prof/pods', JSON.stringify(makePod('prof', `w-${i}`, i)), json);
  const run = async (what: string, n: number, op: (i: number) => Promise<unknown>) => {
    const profiler = phase === what ? await Profiler.start(PORT, join(dir, 'build')) : undefined;
    const cpu0 = workerdCpu();
    const lat: number[] = [];
    let next = 0;
    const t = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let i = next++; i < n; i = next++) {
          const s = performance.now();
          await op(i);
          lat.push(performance.now() - s);
        }
      }),
    );
    const wall = performance.now() - t;
    const cpu = workerdCpu() - cpu0;
    console.log(`${what}: workerd process CPU ${((cpu * 1000) / n).toFixed(2)} ms per op (${((cpu * 100_000) / wall).toFixed(0)}% of one core)`);
    const profiles = await profiler?.stop();
    console.log(`${what}: ${n} in ${(wall / 1000).toFixed(1)} s = ${((n * 1000) / wall).toFixed(0)}/s, p50 ${pct(lat, 50)} ms, p99 ${pct(lat, 99)} ms (load ${loadavg()[0].toFixed(1)})`);
    if (profiles) {
      printProfile(profiles);
      for (const p of profiles) {
        if (p.busyMs < 100) continue;
        console.log(`\n${p.worker}: ${(p.busyMs / n).toFixed(2)} ms CPU per ${what}; inclusive ms per ${what} by function:`);
        for (const [f, ms] of p.inclusiveByFunction.slice(0, Number(process.env.BENCH_PROFILE_TOP ?? 60))) console.log(`  ${(ms / n).toFixed(3).padStart(7)}  ${f}`);
      }
    }
  };
  const created: Record<string, unknown>[] = [];
  await run('create', CREATES, async (i) => {
    created[i] = JSON.parse((await expectStatus(ep, [201], 'POST', '/api/v1/namespaces/prof/pods', JSON.stringify(makePod('prof', `p-${i}`, i)), json)).text);
  });
  // An update as bench:api makes it: the stored object back with one label changed, pinned to its resourceVersion.
  await run('update', CREATES, (i) => {
    const o = created[i] as { metadata: { labels: Record<string, string> } };
    o.metadata.labels = { ...o.metadata.labels, updated: 'yes' };
    return expectStatus(ep, [200], 'PUT', `/api/v1/namespaces/prof/pods/p-${i}`, JSON.stringify(o), json);
  });
  // A node heartbeat as the kubelet sends it: the stored Lease back with a new renewTime (one PUT).
  const leases: Record<string, unknown>[] = [];
  const LEASES = Math.min(CREATES, 1000);
  for (let i = 0; i < LEASES; i++) {
    const body = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: `n-${i}` }, spec: { holderIdentity: `n-${i}`, leaseDurationSeconds: 40, renewTime: new Date().toISOString().replace('Z', '000Z') } };
    leases[i] = JSON.parse((await expectStatus(ep, [201], 'POST', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', JSON.stringify(body), json)).text);
  }
  await run('lease', CREATES, async (i) => {
    const o = leases[i % LEASES] as { spec: Record<string, unknown> };
    o.spec = { ...o.spec, renewTime: new Date().toISOString().replace('Z', '000Z') };
    leases[i % LEASES] = JSON.parse((await expectStatus(ep, [200], 'PUT', `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n-${i % LEASES}`, JSON.stringify(o), json)).text);
  });
  await run('get', CREATES, (i) => expectStatus(ep, [200], 'GET', `/api/v1/namespaces/prof/pods/p-${i}`));
  await run('list', Number(process.env.BENCH_PROFILE_LISTS ?? 20), () => expectStatus(ep, [200], 'GET', '/api/v1/namespaces/prof/pods?limit=1000'));
} finally {
  closeEndpoint(ep);
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
}
