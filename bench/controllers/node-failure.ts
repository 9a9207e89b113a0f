// Node failure recovery at scale: `silent` simulated nodes stop heartbeating; measured is the time until
// every pod they held runs (Ready) on another node. The configured waits (node grace period, the zone
// limiter's pace for NoExecute taints, then the pods' eviction toleration) are part of that time by
// design; the overhead beyond them is reported too. While it waits it logs every healthy node that the
// controller declares not Ready (with the simulator's last renewal) and the heartbeats' queue and call
// times, so a slow API can be told apart from a misbehaving controller.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeFetcher } from '../../agent/src/http';
import { SimCluster } from '../../agent/src/sim';
import { ApiClient } from '../../workers/kube/client';
import { startStack } from '../../local/stack';
import { simulatedNodesToken } from '../support/simulated-nodes';
import { ClusterObserver } from './observer';
import { LatencyProbe } from './probe';
import { sampleIsolates } from './isolate-busy';

export interface NodeFailureOptions {
  nodes: number;
  replicas: number;
  silent: number;
  graceSeconds: number;
  evictionSeconds: number;
  heartbeatSeconds: number;
  /** NoExecute taints per second per zone (the controller's NODE_EVICTION_RATE). */
  evictionRate: number;
  zones: number;
  /** Extra worker variables (BENCH_VARS), to compare configurations. */
  vars?: Record<string, string>;
  log: (m: string) => void;
}

export interface NodeFailureResult {
  nodes: number;
  replicas: number;
  silent: number;
  podsOnSilentNodes: number;
  graceSeconds: number;
  evictionSeconds: number;
  /** The zone limiter's share of the waits: the most silenced nodes in one zone, one every 1/rate s. */
  limiterSeconds: number;
  heartbeatSeconds: number;
  evictionRate: number;
  /** Seconds to the first ready of all replicas (before the failure). */
  firstReadySeconds: number;
  recoverySeconds: number;
  /** Silence → last silenced node declared not Ready, and → last one tainted NoExecute. */
  lastNotReadySeconds: number;
  lastTaintedSeconds: number;
  /** Healthy nodes the controller declared not Ready during the run (should be 0). */
  falselyNotReady: number;
  /** Longest gap between two renewals of a healthy node the simulator saw, in seconds. */
  maxHeartbeatGapSeconds: number;
}

export async function measureNodeFailure(opts: NodeFailureOptions): Promise<NodeFailureResult> {
  const { log } = opts;
  const dir = mkdtempSync(join(tmpdir(), 'kubeflare-bench-nodefail-'));
  const stack = await startStack({
    stateDir: dir,
    port: 0,
    persist: false,
    vars: {
      NODE_MONITOR_GRACE_PERIOD_SECONDS: String(opts.graceSeconds),
      POD_EVICTION_TIMEOUT_SECONDS: String(opts.evictionSeconds),
      NODE_EVICTION_RATE: String(opts.evictionRate),
      ...opts.vars,
    },
  });
  const fetcher = createNodeFetcher({ caPem: stack.caPem, maxSockets: 64 });
  const api = new ApiClient({ fetch: fetcher, baseUrl: stack.url, token: stack.token, userAgent: 'bench-node-failure' });
  // The simulator's failures, each message counted and shown once a progress line (not 1,000 lines).
  const simErrors = new Map<string, number>();
  const simLog = (msg: string, f?: Record<string, unknown>) => {
    const key = `${msg}: ${String(f?.err ?? '')}`.slice(0, 160);
    simErrors.set(key, (simErrors.get(key) ?? 0) + 1);
  };
  const simApi = new ApiClient({ fetch: fetcher, baseUrl: stack.url, token: await simulatedNodesToken(stack), userAgent: 'bench-simulated-nodes' });
  const sim = new SimCluster({ api: simApi, nodes: { count: opts.nodes, zones: opts.zones, namePrefix: 'fail' }, markRunning: true, heartbeatSeconds: opts.heartbeatSeconds, concurrency: 32, log: simLog });
  const observer = new ClusterObserver({ api, podLabelSelector: 'app=survivor', isSilenced: (n) => sim.isSilenced(n), leaseAge: (n) => sim.secondsSinceRenewal(n), log });
  const conn = { url: stack.url, caPem: stack.caPem, token: stack.token };
  const readProbe = new LatencyProbe({ ...conn, op: (a) => a.get('/api/v1/namespaces/default') });
  // A write like a renewal: a merge patch of one small object (created in the try below).
  let writes = 0;
  const writeProbe = new LatencyProbe({ ...conn, op: (a) => a.patch('/api/v1/namespaces/default/configmaps/bench-probe', { data: { n: String(++writes) } }, 'application/merge-patch+json') });
  const probes = () => {
    const fmt = (p: ReturnType<LatencyProbe['take']>) => `p50/max ${p.p50.toFixed(0)}/${p.max.toFixed(0)} ms (n ${p.n}${p.stuckMs ? `, one waiting ${(p.stuckMs / 1000).toFixed(1)} s` : ''})`;
    return `probe GET ${fmt(readProbe.take())}, PATCH ${fmt(writeProbe.take())}`;
  };
  let maxGapMs = 0;
  const heartbeats = () => {
    const h = sim.takeHeartbeatStats();
    maxGapMs = Math.max(maxGapMs, h.maxGapMs);
    const q = (x: { p50: number; p99: number; max: number }) => `${x.p50.toFixed(0)}/${x.p99.toFixed(0)}/${x.max.toFixed(0)}`;
    return `heartbeats ${h.renewals} (skipped ${h.skipped}, failed ${h.failed}), queued p50/p99/max ${q(h.queuedMs)} ms, call ${q(h.callMs)} ms, longest gap ${(h.maxGapMs / 1000).toFixed(1)} s, stalest ${(h.stalestMs / 1000).toFixed(1)} s; simulator calls pending ${sim.pendingCalls}`;
  };
  const progress = setInterval(() => {
    log(`  ${observer.summary()}; ${heartbeats()}; ${probes()}`);
    for (const [m, n] of simErrors) if (!m.startsWith('simulated nodes registered')) log(`  simulator: ${n}× ${m}`);
    simErrors.clear();
  }, 10_000);
  try {
    await api.create('/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bench-probe' }, data: { n: '0' } });
    readProbe.start();
    writeProbe.start();
    let t = performance.now();
    await sim.start();
    log(`node failure: ${opts.nodes} nodes registered in ${((performance.now() - t) / 1000).toFixed(1)} s (heartbeat every ${opts.heartbeatSeconds} s, grace ${opts.graceSeconds} s)`);
    observer.start();
    await waitFor(() => observer.ready, 60_000, 'observer synced');
    observer.mark();
    t = performance.now();
    // With KUBEFLARE_INSPECTOR_PORT set, the way to all replicas Ready is CPU-profiled per isolate.
    const inspector = Number(process.env.KUBEFLARE_INSPECTOR_PORT ?? 0);
    const stopSampling = inspector ? await sampleIsolates(inspector, () => true) : undefined;
    await api.create('/apis/apps/v1/namespaces/default/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'survivor' },
      spec: {
        replicas: opts.replicas,
        selector: { matchLabels: { app: 'survivor' } },
        template: { metadata: { labels: { app: 'survivor' } }, spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } },
      },
    });
    await waitFor(() => observer.readyPods() === opts.replicas, Number(process.env.BENCH_READY_LIMIT_MS ?? 300_000), 'all replicas ready', () => observer.summary()).finally(
      async () => {
        for (const b of (await stopSampling?.()) ?? []) {
          if (b.jsMs + b.programMs + b.gcMs < 100) continue;
          log(`  isolate ${b.target}: JS ${(b.jsMs / 1000).toFixed(1)} s, (program) ${(b.programMs / 1000).toFixed(1)} s, GC ${(b.gcMs / 1000).toFixed(1)} s of ${(b.wallMs / 1000).toFixed(1)} s wall`);
          for (const [f, ms] of b.top) log(`    ${(ms / 1000).toFixed(2)} s  ${f}`);
        }
      },
    );
    const firstReadySeconds = (performance.now() - t) / 1000;
    log(`node failure: ${opts.replicas} replicas ready on ${opts.nodes} nodes in ${firstReadySeconds.toFixed(1)} s`);

    // The nodes holding the most pods go silent.
    const byNode = new Map<string, number>();
    for (const p of observer.pods.values()) if (p.spec.nodeName) byNode.set(p.spec.nodeName, (byNode.get(p.spec.nodeName) ?? 0) + 1);
    const victims = [...byNode.entries()].sort((a, b) => b[1] - a[1]).slice(0, opts.silent).map(([n]) => n);
    const silent = new Set(victims);
    const podsOnSilentNodes = victims.reduce((n, v) => n + (byNode.get(v) ?? 0), 0);
    // The limiter paces each zone on its own: the zone with the most silenced nodes sets the pace.
    const perZone = new Map<number, number>();
    for (const v of victims) {
      const zone = Number(v.slice(v.lastIndexOf('-') + 1)) % opts.zones;
      perZone.set(zone, (perZone.get(zone) ?? 0) + 1);
    }
    // The first node of a zone is tainted at once (a full bucket), each further one 1/rate s later.
    const limiterSeconds = opts.evictionRate > 0 ? (Math.max(0, ...perZone.values()) - 1) / opts.evictionRate : 0;
    observer.mark();
    t = performance.now();
    sim.silence(victims);
    log(`node failure: ${victims.length} nodes silenced, holding ${podsOnSilentNodes} pods`);
    await waitFor(() => observer.readyPods(silent) === opts.replicas, 600_000, 'all pods running on the remaining nodes', () => observer.summary());
    const recoverySeconds = (performance.now() - t) / 1000;
    const last = (m: Map<string, number>) => (m.size ? (Math.max(...m.values()) - t) / 1000 : NaN);
    log(`  ${observer.summary()}; ${heartbeats()}`);
    return {
      nodes: opts.nodes,
      replicas: opts.replicas,
      silent: victims.length,
      podsOnSilentNodes,
      graceSeconds: opts.graceSeconds,
      evictionSeconds: opts.evictionSeconds,
      limiterSeconds,
      heartbeatSeconds: opts.heartbeatSeconds,
      evictionRate: opts.evictionRate,
      firstReadySeconds,
      recoverySeconds,
      lastNotReadySeconds: last(observer.notReady),
      lastTaintedSeconds: last(observer.tainted),
      falselyNotReady: observer.falselyNotReady.size,
      maxHeartbeatGapSeconds: maxGapMs / 1000,
    };
  } finally {
    clearInterval(progress);
    readProbe.stop();
    writeProbe.stop();
    await observer.stop();
    await sim.stop(10_000);
    fetcher.close();
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function waitFor(pred: () => boolean, limitMs: number, what: string, state?: () => string): Promise<void> {
  const end = performance.now() + limitMs;
  while (!pred()) {
    if (performance.now() > end) throw new Error(`${what}: not reached in ${limitMs / 1000} s${state ? ` (${state()})` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
