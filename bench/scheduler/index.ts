// `npm run bench:scheduler`: the scheduler on the local stack with a simulated cluster.
//   1. throughput: BENCH_NODES simulated nodes (default 5,000: mixed sizes, 3 zones, 10% tainted) and
//      BENCH_PODS pending pods (default 10,000, mixed constraints, see workload.ts) created before the
//      scheduler starts; pods bound per second from its first decision to its last committed binding.
//   2. latency: BENCH_LATENCY_PODS more pods (default 1,000) arriving at BENCH_RATE per second
//      (default 100); create → bound as a client watching pods sees it, p50 / p99.
//   3. validity: the final placement checked independently (check.ts): no node over capacity, every
//      constraint held.
// With KUBEFLARE_INSPECTOR_PORT set, phase 1 (or with BENCH_PROFILE_PHASE=latency, phase 2) is
// CPU-profiled per isolate (profile.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeFetcher } from '../../agent/src/http';
import { SimCluster } from '../../agent/src/sim';
import { startStack } from '../../local/stack';
import { ApiClient } from '../../workers/kube/client';
import { BindingObserver } from './bindings';
import { benchNodes } from './cluster';
import { printProfile, printReport, type Results } from './report';
import { Profiler } from './profile';
import { createAll, createAtRate } from './load';
import { verify } from './verify';
import { workerdCpu } from '../support/proc';
import { NAMESPACES } from './workload';

const NODES = Number(process.env.BENCH_NODES ?? 5000);
const PODS = Number(process.env.BENCH_PODS ?? 10000);
const LATENCY_PODS = Number(process.env.BENCH_LATENCY_PODS ?? 1000);
const RATE = Number(process.env.BENCH_RATE ?? 100);
/** BENCH_PROFILE_PHASE=latency profiles phase 2 (pods arriving at BENCH_RATE) instead of phase 1. */
const PROFILE_LATENCY = process.env.BENCH_PROFILE_PHASE === 'latency';
const INSPECTOR = process.env.KUBEFLARE_INSPECTOR_PORT ? Number(process.env.KUBEFLARE_INSPECTOR_PORT) : undefined;
const log = (m: string) => process.stderr.write(`[bench ${(performance.now() / 1000).toFixed(1)}s] ${m}\n`);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

const dir = mkdtempSync(join(tmpdir(), 'kubeflare-bench-sched-'));
const loadBefore = load();
// Only the api worker at first (components: false): the pods must all be pending before the scheduler
// starts, and without the controllers no node lifecycle controller judges the simulated leases.
const stack = await startStack({ stateDir: dir, port: 0, persist: false, components: false });
const fetcher = createNodeFetcher({ caPem: stack.caPem, maxSockets: 64 });
const api = new ApiClient({ fetch: fetcher, baseUrl: stack.url, token: stack.token, userAgent: 'bench-scheduler' });
// Long heartbeats: nothing here watches lease expiry, and 5,000 renewals every 10 s would be the
// largest load on the API (it is measured elsewhere, by bench:controllers and the agent's issue).
const sim = new SimCluster({ api, nodes: benchNodes(NODES), markRunning: false, heartbeatSeconds: 600, concurrency: 32 });
const scheduler = async (path: string) => (await (await stack.componentsMf.getWorker('kubeflare-scheduler')).fetch(`http://scheduler.internal${path}`)).json() as Promise<Record<string, unknown>>;
let observer: BindingObserver | undefined;
try {
  let t = performance.now();
  await sim.start();
  log(`${NODES} simulated nodes registered in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  // No controllers run here, so the ServiceAccount admission's `default` account is created by hand.
  for (const name of NAMESPACES) {
    await api.create('/api/v1/namespaces', { metadata: { name } });
    await api.create(`/api/v1/namespaces/${name}/serviceaccounts`, { metadata: { name: 'default' } });
  }
  t = performance.now();
  await createAll(api, 0, PODS, 'p', 32, (n) => log(`${n} pods created`));
  log(`${PODS} pending pods created in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const rv = (await api.list('/api/v1/pods', { limit: '1' })).metadata.resourceVersion ?? '0';
  observer = new BindingObserver(api, rv);
  const profiler = INSPECTOR && !PROFILE_LATENCY ? await Profiler.start(INSPECTOR, join(dir, 'build')) : undefined;
  const started = performance.now();
  const cpu1 = workerdCpu();
  await scheduler('/ensure');
  const all = await observer.waitFor(PODS, Math.max(120_000, PODS * 100));
  const throughputWall = (performance.now() - started) / 1000;
  const throughputCpu = { cpuS: workerdCpu() - cpu1, wallS: throughputWall };
  let profiles = await profiler?.stop();
  const s1 = await scheduler('/state');
  const spanS = (Number(s1.lastBoundAt) - Number(s1.firstAttemptAt)) / 1000;
  log(`phase 1: ${observer.boundAt.size}/${PODS} bound${all ? '' : ' (timed out)'}; scheduler ${JSON.stringify(s1)}`);

  const latencyProfiler = INSPECTOR && PROFILE_LATENCY ? await Profiler.start(INSPECTOR, join(dir, 'build')) : undefined;
  const [cpu2, wall2] = [workerdCpu(), performance.now()];
  const lat = await createAtRate(api, PODS, LATENCY_PODS, 'l', RATE);
  await observer.waitFor(PODS + LATENCY_PODS, 60_000);
  const latencyCpu = { cpuS: workerdCpu() - cpu2, wallS: (performance.now() - wall2) / 1000 };
  profiles ??= await latencyProfiler?.stop();
  const latencies = [...lat.startedAt].flatMap(([key, at]) => {
    const b = observer!.boundAt.get(key);
    return b === undefined ? [] : [b - at];
  });
  log(`phase 2: ${latencies.length}/${LATENCY_PODS} bound, ${lat.failed} creates failed`);
  // Pods created but never seen bound: what the API says of them now, to tell a lost watch event from a pod never bound.
  for (const key of [...lat.startedAt.keys()].filter((k) => !observer!.boundAt.has(k)).slice(0, 10)) {
    const [ns, name] = key.split('/');
    const pod = await api.get<{ metadata: { resourceVersion?: string }; spec?: { nodeName?: string } }>(`/api/v1/namespaces/${ns}/pods/${name}`).catch((e) => ({ error: String(e) }) as never);
    log(`not seen bound: ${key}: now ${JSON.stringify({ resourceVersion: pod.metadata?.resourceVersion, nodeName: pod.spec?.nodeName })}; watch at ${observer.revision}`);
  }

  const check = await verify(api);
  const results: Results = {
    nodes: NODES,
    pods: PODS,
    bound: Number(s1.bound),
    spanS,
    throughputWall,
    latencyPods: LATENCY_PODS,
    rate: RATE,
    latencies,
    latencyFailed: LATENCY_PODS - latencies.length,
    createMs: lat.createMs,
    problems: check.problems,
    pending: check.pending,
    loadBefore,
    loadAfter: load(),
    scheduler: s1,
    cpu: { throughput: throughputCpu, latency: latencyCpu },
  };
  printReport(results);
  if (profiles) printProfile(profiles, PROFILE_LATENCY ? LATENCY_PODS : PODS, PROFILE_LATENCY ? 'phase 2 (latency)' : 'phase 1');
} finally {
  await observer?.stop();
  await sim.stop(10_000);
  fetcher.close();
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
}
