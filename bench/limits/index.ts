// `npm run bench:limits`: what the audit and limit stages add to a request. Starts the local stack (API
// only) three times: both stages as shipped, limits off, audit off (policy None), and times sequential
// GETs and creates as an ordinary (workload-level) user. Also times the in-isolate limiter itself and,
// for the "Durable Object per identity" alternative, a request that takes one Durable Object hop
// (metrics.k8s.io nodes, served from the MetricsStore DO) beside one that reads D1. Prints numbers only.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startStack, type Stack } from '../../local/stack';
import { createNodeFetcher } from '../../agent/src/http';
import { ApiClient as KubeClient } from '../../workers/kube/client';
import { createUserToken } from '../../local/user-token';
import { ApiClient } from '../../test/harness';
import { Counters, TokenBuckets } from '../../workers/api/src/limits/token-bucket';

const N = Number(process.env.BENCH_REQUESTS ?? 400);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(2)} ms  p99 ${pct(xs, 99).toFixed(2)} ms`;

async function timed(n: number, f: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f(i);
    out.push(performance.now() - t);
  }
  return out;
}

async function run(label: string, vars: Record<string, string>) {
  const stateDir = mkdtempSync(join(tmpdir(), 'kubeflare-bench-limits-'));
  let stack: Stack | undefined;
  try {
    stack = await startStack({ stateDir, port: 0, persist: false, vars, components: false });
    const fetcher = createNodeFetcher({ caPem: stack.caPem });
    const api = new KubeClient({ fetch: fetcher, baseUrl: stack.url, token: stack.token, userAgent: 'bench-limits' });
    const t = await createUserToken(api, { user: 'bench' });
    const admin = new ApiClient(stack.url, stack.token, stack.caPem);
    await admin.post('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      metadata: { name: 'bench' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
      subjects: [{ kind: 'User', name: 'bench', apiGroup: 'rbac.authorization.k8s.io' }],
    });
    await admin.post('/api/v1/namespaces/default/configmaps', { metadata: { name: 'target' }, data: { a: 'b' } });
    const user = new ApiClient(stack.url, t.token, stack.caPem);
    const check = async (p: Promise<{ status: number }>, want: number) => {
      const r = await p;
      if (r.status !== want) throw new Error(`${label}: status ${r.status}, expected ${want}`);
    };
    await timed(50, () => check(user.get('/api/v1/namespaces/default/configmaps/target'), 200)); // warm-up
    const gets = await timed(N, () => check(user.get('/api/v1/namespaces/default/configmaps/target'), 200));
    const creates = await timed(N / 4, (i) => check(user.post('/api/v1/namespaces/default/configmaps', { metadata: { name: `c${i}` }, data: { i: String(i) } }), 201));
    const metrics = await timed(N, () => check(admin.get('/apis/metrics.k8s.io/v1beta1/nodes'), 200));
    const cm = await timed(N, () => check(admin.get('/api/v1/namespaces/default/configmaps/target'), 200));
    console.log(`${label.padEnd(34)} GET ${fmt(gets)}   create ${fmt(creates)}`);
    user.close();
    admin.close();
    fetcher.close();
    return { metrics, cm };
  } finally {
    await stack?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

function microbench() {
  const b = new TokenBuckets();
  const c = new Counters();
  const budget = { rate: 1e9, burst: 1e9 };
  const n = 1_000_000;
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    b.take(`user-${i % 100}`, budget, i);
    c.inc(`user-${i % 100}`);
    c.dec(`user-${i % 100}`);
  }
  return ((performance.now() - t) * 1e6) / n;
}

async function main() {
  console.log(`load before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${N} sequential requests per row`);
  console.log(`in-isolate limiter (bucket take + in-flight inc/dec): ${microbench().toFixed(0)} ns per request`);
  const shipped = await run('audit + limits (defaults)', {});
  await run('limits off (LIMITS_DISABLED=true)', { LIMITS_DISABLED: 'true' });
  await run('audit off (policy: None)', { AUDIT_POLICY: '{"rules":[{"level":"None"}]}' });
  console.log(`one Durable Object hop (metrics.k8s.io nodes, admin): ${fmt(shipped.metrics)}`);
  console.log(`one D1 read (configmap GET, admin):                   ${fmt(shipped.cm)}`);
  console.log(`load after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
