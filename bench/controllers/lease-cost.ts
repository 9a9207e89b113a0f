// What node heartbeats cost the local stack: N simulated nodes renew their Leases (and nothing else
// happens) while workerd's CPU time is read from /proc; reported are renewals per second, workerd CPU
// per renewal, and the renewals' latency. `node scripts/run.mjs bench/controllers/lease-cost.ts`,
// BENCH_NODES (default 1000), BENCH_HEARTBEAT_SECONDS (default 10), BENCH_SECONDS (default 30);
// BENCH_COMPONENTS=false measures the API alone (no scheduler or controllers following the Leases);
// BENCH_API_VARS (JSON) adds worker variables, e.g. an AUDIT_POLICY; BENCH_PROFILE=1 adds a V8 CPU profile of
// each workerd isolate over the measured window (the inspector costs CPU: compare profiles, not totals).
import { readFileSync, mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeFetcher } from '../../agent/src/http';
import { SimCluster } from '../../agent/src/sim';
import { ApiClient } from '../../workers/kube/client';
import { startStack } from '../../local/stack';
import { simulatedNodesToken } from '../support/simulated-nodes';
import { Profiler } from '../scheduler/profile';
import { printProfile } from '../scheduler/report';

const PROFILE = process.env.BENCH_PROFILE === '1';
if (PROFILE) process.env.KUBEFLARE_INSPECTOR_PORT ??= '9229';
const NODES = Number(process.env.BENCH_NODES ?? 1000);
const HEARTBEAT = Number(process.env.BENCH_HEARTBEAT_SECONDS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const COMPONENTS = process.env.BENCH_COMPONENTS !== 'false';
const log = (m: string) => process.stderr.write(`[lease-cost ${(performance.now() / 1000).toFixed(1)}s] ${m}\n`);

/** User + system CPU seconds of the workerd processes started by this process. */
function workerdCpuSeconds(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[1] is the parent pid (the 4th field of stat); 11/12 are utime/stime (14th/15th).
      if (Number(fields[1]) !== process.pid || !readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('workerd')) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / 100; // USER_HZ
}

const dir = mkdtempSync(join(tmpdir(), 'kubeflare-bench-lease-'));
const stack = await startStack({ stateDir: dir, port: 0, persist: false, components: COMPONENTS, vars: { NODE_MONITOR_GRACE_PERIOD_SECONDS: '600', ...JSON.parse(process.env.BENCH_API_VARS ?? '{}') } });
const fetcher = createNodeFetcher({ caPem: stack.caPem, maxSockets: 64 });
const api = new ApiClient({ fetch: fetcher, baseUrl: stack.url, token: stack.token, userAgent: 'bench-lease-cost' });
// BENCH_SIM_AS_ADMIN=1: the simulated nodes act as the admin (every renewal audited), as before.
const simApi = process.env.BENCH_SIM_AS_ADMIN === '1' ? api : new ApiClient({ fetch: fetcher, baseUrl: stack.url, token: await simulatedNodesToken(stack), userAgent: 'bench-simulated-nodes' });
const sim = new SimCluster({ api: simApi, nodes: { count: NODES, zones: 3, namePrefix: 'hb' }, heartbeatSeconds: HEARTBEAT, concurrency: 32 });
try {
  await sim.start();
  log(`${NODES} nodes registered; warming up for ${2 * HEARTBEAT} s`);
  await new Promise((r) => setTimeout(r, 2 * HEARTBEAT * 1000));
  sim.takeHeartbeatStats();
  const load = loadavg()[0];
  const profiler = PROFILE ? await Profiler.start(Number(process.env.KUBEFLARE_INSPECTOR_PORT), join(dir, 'build')) : undefined;
  const cpu0 = workerdCpuSeconds();
  const renewed0 = sim.counters.leasesRenewed;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const wall = (performance.now() - t0) / 1000;
  const cpu = workerdCpuSeconds() - cpu0;
  const renewals = sim.counters.leasesRenewed - renewed0;
  const h = sim.takeHeartbeatStats();
  const profiles = await profiler?.stop();
  console.log(`## Lease renewals: ${NODES} nodes every ${HEARTBEAT} s, ${COMPONENTS ? 'with' : 'without'} scheduler and controllers (load average ${load.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end)\n`);
  console.log('| measure | value |\n|:--|--:|');
  console.log(`| renewals per second | ${(renewals / wall).toFixed(1)} (expected ${(NODES / HEARTBEAT).toFixed(1)}) |`);
  console.log(`| workerd CPU | ${((100 * cpu) / wall).toFixed(0)}% of a core |`);
  console.log(`| workerd CPU per renewal (everything it triggers included) | ${renewals ? ((1000 * cpu) / renewals).toFixed(2) : '-'} ms |`);
  console.log(`| renewal call p50 / p99 / max | ${h.callMs.p50.toFixed(0)} / ${h.callMs.p99.toFixed(0)} / ${h.callMs.max.toFixed(0)} ms |`);
  console.log(`| longest gap between two renewals of a node | ${(h.maxGapMs / 1000).toFixed(1)} s |`);
  if (profiles) printProfile(profiles, renewals, 'the measured window; "per pod" reads "per renewal"');
} finally {
  await sim.stop(10_000);
  fetcher.close();
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
}
