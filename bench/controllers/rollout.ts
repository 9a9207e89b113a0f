// The first phase of `npm run bench:controllers`: a Deployment of `replicas` on `nodes` simulated nodes
// from apply to all available, then a rolling update (maxSurge 25%) to completion, following the pods
// (a watch) to check that availability never drops below replicas - maxUnavailable. Prints its table.
import { workerdCpu } from '../support/proc';
import { type IsolateBusy, sampleIsolates } from './isolate-busy';
import { Profiler } from '../scheduler/profile';
import { printProfile } from '../scheduler/report';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeFetcher } from '../../agent/src/http';
import { SimCluster } from '../../agent/src/sim';
import { ApiClient } from '../../workers/kube/client';
import type { KObject } from '../../workers/kube/registry/types';
import { startStack } from '../../local/stack';
import { simulatedNodesToken } from '../support/simulated-nodes';
import { AvailabilityWatch } from './availability';

export async function measureRollout(opts: { nodes: number; replicas: number; vars?: Record<string, string>; log: (m: string) => void }): Promise<void> {
  const { nodes: NODES, replicas: REPLICAS, log } = opts;
  const dir = mkdtempSync(join(tmpdir(), 'kubeflare-bench-ctrl-'));
  // A long node grace period: this measures controller throughput, and on one saturated workerd thread
  // 1,000 nodes' lease renewals can fall 40 s behind, which the node lifecycle controller (rightly) treats
  // as failed nodes, tainting them and marking their pods not ready.
  const stack = await startStack({ stateDir: dir, port: 0, persist: false, vars: { NODE_MONITOR_GRACE_PERIOD_SECONDS: '600', ...opts.vars } });
  const fetcher = createNodeFetcher({ caPem: stack.caPem, maxSockets: 64 });
  const api = new ApiClient({ fetch: fetcher, baseUrl: stack.url, token: stack.token, userAgent: 'bench-controllers' });
  const simApi = new ApiClient({ fetch: fetcher, baseUrl: stack.url, token: await simulatedNodesToken(stack), userAgent: 'bench-simulated-nodes' });
  let availability: AvailabilityWatch | undefined;
  const sim = new SimCluster({ api: simApi, nodes: { count: NODES, zones: 3 }, markRunning: true, heartbeatSeconds: 10, concurrency: 32 });
  try {
    let t = performance.now();
    await sim.start();
    log(`${NODES} simulated nodes registered in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const path = '/apis/apps/v1/namespaces/default/deployments';
    const spec = (image: string) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'scale' },
      spec: {
        replicas: REPLICAS,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        selector: { matchLabels: { app: 'scale' } },
        template: { metadata: { labels: { app: 'scale' } }, spec: { containers: [{ name: 'web', image, resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } },
      },
    });
    const status = async () => ((await api.get<KObject>(`${path}/scale`)).status ?? {}) as { availableReplicas?: number; updatedReplicas?: number; replicas?: number; observedGeneration?: number };
    const until = async (what: string, pred: () => Promise<boolean>, limitMs: number, onTick?: () => Promise<void>) => {
      const start = performance.now();
      while (!(await pred())) {
        if (performance.now() - start > limitMs) {
          const sets = await api.list<KObject>('/apis/apps/v1/namespaces/default/replicasets');
          for (const r of sets.items) log(`  ${r.metadata.name}: spec ${JSON.stringify(r.spec && (r.spec as { replicas?: number }).replicas)} status ${JSON.stringify(r.status)}`);
          log(`  deployment status ${JSON.stringify(await status())}`);
          throw new Error(`${what}: not reached in ${limitMs / 1000} s`);
        }
        if (onTick) await onTick();
        await new Promise((r) => setTimeout(r, 200));
      }
      return (performance.now() - start) / 1000;
    };

    // With BENCH_PROFILE_APPLY=1 and KUBEFLARE_INSPECTOR_PORT, the apply phase is CPU-profiled (every
    // user worker, 0.5 ms samples) and printed per pod after the table; the timings are then not comparable.
    const applyProfiler = process.env.BENCH_PROFILE_APPLY === '1' && process.env.KUBEFLARE_INSPECTOR_PORT ? await Profiler.start(Number(process.env.KUBEFLARE_INSPECTOR_PORT), join(dir, 'build')) : undefined;
    t = performance.now();
    const applyCpu = workerdCpu();
    await api.create(path, spec('nginx:1.27'));
    await until('all available', async () => (await status()).availableReplicas === REPLICAS, 300_000);
    const firstAvailable = (performance.now() - t) / 1000;
    log(`apply → ${REPLICAS} available: ${firstAvailable.toFixed(1)} s (workerd CPU ${(workerdCpu() - applyCpu).toFixed(1)} s)`);
    if (applyProfiler) printProfile(await applyProfiler.stop(), REPLICAS, 'the apply phase');

    // Availability is followed from a pods watch (every change counted), not by listing the pods.
    const watch = new AvailabilityWatch(api, 'app=scale', log);
    availability = watch;
    watch.start();
    const syncStart = performance.now();
    while (!watch.isSynced || watch.ready < REPLICAS) {
      if (performance.now() - syncStart > 60_000) throw new Error(`the pods watch did not see ${REPLICAS} Ready pods within 60 s (${watch.ready})`);
      await new Promise((r) => setTimeout(r, 100));
    }
    watch.mark();
    let lastProgress = performance.now();
    const inspector = Number(process.env.KUBEFLARE_INSPECTOR_PORT ?? 0);
    let sampling: (() => Promise<IsolateBusy[]>) | undefined;
    let sampled = false;
    let lastCpu: [number, number] = [workerdCpu(), lastProgress];
    const maxUnavailable = Math.floor(REPLICAS * 0.25);
    const updateCpu = workerdCpu();
    t = performance.now();
    const patched = await api.patch<KObject>(`${path}/scale`, { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } } } }, 'application/strategic-merge-patch+json');
    const generation = patched.metadata.generation ?? 0;
    await until(
      'rolled out',
      async () => {
        const s = await status();
        // Only a status that has seen the new template counts (what kubectl rollout status checks).
        return (s.observedGeneration ?? 0) >= generation && s.updatedReplicas === REPLICAS && s.availableReplicas === REPLICAS && s.replicas === REPLICAS;
      },
      Number(process.env.BENCH_ROLLOUT_LIMIT_MS ?? 300_000),
      async () => {
        // Progress every 5 s: where a slow rollout waits (pods unbound, not ready, or the status behind).
        // With KUBEFLARE_INSPECTOR_PORT set, 10 s of the update (from 10 s in) are CPU-profiled per isolate.
        const sinceStart = performance.now() - t;
        if (inspector && !sampling && !sampled && sinceStart >= 10_000) sampling = await sampleIsolates(inspector, () => true);
        if (sampling && sinceStart >= 20_000) {
          const stop = sampling;
          sampling = undefined;
          sampled = true;
          for (const b of await stop()) {
            if (b.jsMs + b.programMs + b.gcMs < 100) continue;
            log(`  isolate ${b.target}: JS ${(b.jsMs / 1000).toFixed(1)} s, (program) ${(b.programMs / 1000).toFixed(1)} s, GC ${(b.gcMs / 1000).toFixed(1)} s of ${(b.wallMs / 1000).toFixed(1)} s wall`);
            for (const [f, ms] of b.top) log(`    ${(ms / 1000).toFixed(2)} s  ${f}`);
          }
        }
        if (performance.now() - lastProgress >= 5_000) {
          lastProgress = performance.now();
          const s = await status();
          const now = watch.counts();
          const cpu = workerdCpu();
          const share = (100 * (cpu - lastCpu[0])) / ((lastProgress - lastCpu[1]) / 1000);
          lastCpu = [cpu, lastProgress];
          log(`rolling: status replicas ${s.replicas} updated ${s.updatedReplicas} available ${s.availableReplicas}; pods ${now.pods}, unbound ${now.unbound}, ready ${now.ready}; workerd ${share.toFixed(0)}% of a core`);
        }
      },
    );
    const rollout = (performance.now() - t) / 1000;
    // Counted from the pods themselves (Ready and not being deleted) after every change, not from the
    // Deployment's status, which lags behind them.
    const minAvailable = watch.lowest;
    log(`rolling update complete: ${rollout.toFixed(1)} s (workerd CPU ${(workerdCpu() - updateCpu).toFixed(1)} s), lowest availability seen ${minAvailable}`);

    console.log(`## Controllers benchmark: ${NODES} simulated nodes, Deployment of ${REPLICAS} replicas\n`);
    console.log('| measure | value | target | result |\n|:--|--:|--:|:--|');
    console.log(`| apply → all ${REPLICAS} available | ${firstAvailable.toFixed(1)} s | ≤ 15 s | ${firstAvailable <= 15 ? 'PASS' : 'FAIL'} |`);
    console.log(`| rolling update (maxSurge 25%) complete | ${rollout.toFixed(1)} s | ≤ 30 s | ${rollout <= 30 ? 'PASS' : 'FAIL'} |`);
    console.log(`| lowest available during the update (every pod change) | ${minAvailable} | ≥ ${REPLICAS - maxUnavailable} | ${minAvailable >= REPLICAS - maxUnavailable ? 'PASS' : 'FAIL'} |`);
  } finally {
    await availability?.stop();
    await sim.stop(10_000);
    fetcher.close();
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
