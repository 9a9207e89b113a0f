// `npm run bench:security`: what authentication + RBAC + admission add to a create. Pods (they go
// through the most admission plugins: ServiceAccount, LimitRange, Priority, tolerations, Pod Security,
// quota) are created by 10 concurrent clients on the local stack:
//   secured     a non-admin user whose grant is a RoleBinding, bearer token, RBAC + admission as normal;
//               measured before and after 1,000 Roles + 1,000 RoleBindings + 100 ClusterRoleBindings exist
//   disabled    a second stack with AUTHORIZATION_MODE=AlwaysAllow and ADMISSION_PLUGINS=none, the same
//               policy objects present, requests without a token (anonymous)
//   admission   a third with AUTHORIZATION_MODE=AlwaysAllow only, anonymous: splits admission's share off
// Progress on stderr, the report on stdout. Per-identity rate limits are off in both (LIMITS_DISABLED):
// they are not what this measures.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Stack, startStack } from '../../local/stack';
import { registerToken } from '../../local/tokens';
import { CASES as BAD_INPUT_CASES } from '../../test/bad-input-cases';
import { REAL_REQUESTS_PER_IDENTITY, matrixCases } from '../../test/support/rbac-cases';
import { IDENTITIES } from '../../test/support/rbac-fixtures';
import { type Endpoint, call, closeEndpoint, makeEndpoint } from '../api/http-client';
import { now, sleep } from '../api/stats';
import { type LoadResult, createPods } from './load';
import { BENCH_GROUP, BENCH_NS, BENCH_USER, createBenchGrant, createPolicyLoad } from './policy';
import { type SnapshotCost, snapshotCost } from './snapshot';

const QUICK = process.env.BENCH_QUICK === '1';
const PODS = Number(process.env.BENCH_PODS ?? (QUICK ? 200 : 1_000));
const WARMUP = QUICK ? 50 : 200;
const CLIENTS = 10;
const SETUP_CONCURRENCY = 8;

const t0 = now();
const log = (m: string) => process.stderr.write(`[bench ${((now() - t0) / 1000).toFixed(1).padStart(5)}s] ${m}\n`);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

let stack: Stack | undefined;
let stateDir: string | undefined;

async function stopStack() {
  const s = stack;
  stack = undefined;
  await s?.stop().catch(() => undefined);
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  stateDir = undefined;
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    log(`${sig}: stopping`);
    void stopStack().finally(() => process.exit(130));
  });
}

async function start(vars: Record<string, string>): Promise<Stack> {
  stateDir = mkdtempSync(join(tmpdir(), 'kubeflare-bench-sec-'));
  stack = await startStack({ stateDir, port: 0, persist: false, vars: { LIMITS_DISABLED: 'true', ...vars }, components: false });
  log(`stack up at ${stack.url} ${Object.keys(vars).length ? JSON.stringify(vars) : '(security as normal)'}`);
  return stack;
}

async function expectStatusOf(ep: Endpoint, method: string, path: string, want: number, what: string) {
  const r = await call(ep, method, path, method === 'POST' ? '{}' : undefined, method === 'POST' ? { 'Content-Type': 'application/json' } : {});
  if (r.status !== want) throw new Error(`${what}: ${method} ${path} → ${r.status}, want ${want}: ${r.text.slice(0, 300)}`);
}

async function measure(ep: Endpoint, label: string, prefix: string): Promise<LoadResult> {
  log(`${label}: warm-up ${WARMUP} creates`);
  const warm = await createPods(ep, BENCH_NS, `${prefix}-warm`, WARMUP, CLIENTS);
  if (warm.failed) throw new Error(`${label}: ${warm.failed} warm-up creates failed, first: ${warm.firstError}`);
  log(`${label}: ${PODS} creates, ${CLIENTS} clients`);
  const r = await createPods(ep, BENCH_NS, prefix, PODS, CLIENTS);
  if (r.failed) throw new Error(`${label}: ${r.failed} creates failed, first: ${r.firstError}`);
  log(`${label}: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.rate.toFixed(0)}/s`);
  return r;
}

async function secured(): Promise<{ empty: LoadResult; loaded: LoadResult; policySeconds: number; objects: number }> {
  const s = await start({});
  const admin = makeEndpoint(s.url, { Authorization: `Bearer ${s.token}`, Accept: 'application/json' }, s.caPem);
  const token = `bench-user-${Date.now()}`;
  const db = await s.mf.getD1Database('DB', 'kubeflare-api');
  await registerToken(db as never, token, BENCH_USER, [BENCH_GROUP], 'bench:security');
  const user = makeEndpoint(s.url, { Authorization: `Bearer ${token}`, Accept: 'application/json' }, s.caPem);
  try {
    await createBenchGrant(admin);
    await sleep(1_100); // RBAC snapshots of other isolates refresh within a second
    // The grant is what makes the creates succeed: elsewhere the same user is refused.
    await expectStatusOf(user, 'POST', '/api/v1/namespaces/default/pods', 403, 'bench user outside its grant');
    const empty = await measure(user, 'secured, default policy only', 'a0');
    log(`creating the policy load (1,000 Roles, 1,000 RoleBindings, 100 ClusterRoleBindings in 50 namespaces)`);
    const p0 = now();
    const objects = await createPolicyLoad(admin, SETUP_CONCURRENCY);
    const policySeconds = (now() - p0) / 1000;
    log(`policy load: ${objects} objects in ${policySeconds.toFixed(1)} s`);
    await sleep(1_100);
    const loaded = await measure(user, 'secured, 1,000 roles + bindings', 'a1');
    return { empty, loaded, policySeconds, objects };
  } finally {
    closeEndpoint(admin);
    closeEndpoint(user);
    await stopStack();
  }
}

/** Anonymous creates on a stack with authorization off; admission off too unless `withAdmission`. */
async function disabled(withAdmission: boolean): Promise<LoadResult> {
  const s = await start({ AUTHORIZATION_MODE: 'AlwaysAllow', ...(withAdmission ? {} : { ADMISSION_PLUGINS: 'none' }) });
  const admin = makeEndpoint(s.url, { Authorization: `Bearer ${s.token}`, Accept: 'application/json' }, s.caPem);
  const anonymous = makeEndpoint(s.url, { Accept: 'application/json' }, s.caPem);
  try {
    await createBenchGrant(admin);
    if (!withAdmission) {
      log('creating the same policy load (present, but not consulted)');
      await createPolicyLoad(admin, SETUP_CONCURRENCY);
    }
    // Anonymous requests reach everything here; on a normal stack they get 401.
    await expectStatusOf(anonymous, 'GET', '/api/v1/namespaces/kube-system/secrets', 200, 'anonymous with AlwaysAllow');
    return await measure(anonymous, withAdmission ? 'authorization off, admission on, no token' : 'disabled (AlwaysAllow, no admission, no token)', withAdmission ? 'c' : 'b');
  } finally {
    closeEndpoint(admin);
    closeEndpoint(anonymous);
    await stopStack();
  }
}

const snapLine = (label: string, s: SnapshotCost) =>
  `  ${label}: ${s.objects} objects, snapshot built in ${s.buildMs.toFixed(1)} ms, one decision ${s.decisionMicros.toFixed(2)} µs`;
const fmt = (r: LoadResult) => `| ${r.p50.toFixed(1).padStart(6)} | ${r.p99.toFixed(1).padStart(6)} | ${r.rate.toFixed(0).padStart(5)} |`;
const signed = (v: number, digits: number) => `${v >= 0 ? '+' : ''}${v.toFixed(digits)}`;
const delta = (a: number, b: number) => `${signed(a - b, 1)} ms (${signed((a / b - 1) * 100, 0)}%)`;

async function main(): Promise<void> {
  const loadAtStart = load();
  // In process first, while no stack competes for the CPU.
  const snapEmpty = snapshotCost(false);
  const snapLoaded = snapshotCost(true);
  if (!snapEmpty.allowed || !snapLoaded.allowed) throw new Error('the bench user is not allowed to create pods in the in-process snapshot');
  const sec = await secured();
  const off = await disabled(false);
  const admissionOnly = await disabled(true);
  const matrix = matrixCases(IDENTITIES.length).length;
  const out = [
    `## Security overhead on a pod create (${CLIENTS} concurrent clients, ${PODS} creates each after ${WARMUP} warm-up)`,
    `node ${process.version}, ${new Date().toISOString()}, total ${((now() - t0) / 1000).toFixed(0)} s${QUICK ? ', BENCH_QUICK=1' : ''}`,
    `load average at start ${loadAtStart}, at end ${load()} (2 cores: above ~2 means other work competed)`,
    '',
    '| configuration | p50 ms | p99 ms | creates/s |',
    '|---|---:|---:|---:|',
    `| authn + RBAC + admission, default policy only ${fmt(sec.empty)}`,
    `| authn + RBAC + admission, +1,000 Roles/RoleBindings, +100 ClusterRoleBindings ${fmt(sec.loaded)}`,
    `| disabled: AUTHORIZATION_MODE=AlwaysAllow, ADMISSION_PLUGINS=none, anonymous ${fmt(off)}`,
    `| admission only: AUTHORIZATION_MODE=AlwaysAllow, anonymous (no policy load) ${fmt(admissionOnly)}`,
    '',
    `added by authn + RBAC + admission (with 1,000 roles): p50 ${delta(sec.loaded.p50, off.p50)}, p99 ${delta(sec.loaded.p99, off.p99)}`,
    `  of which admission: p50 ${delta(admissionOnly.p50, off.p50)}, p99 ${delta(admissionOnly.p99, off.p99)}; authn + RBAC: p50 ${delta(sec.loaded.p50, admissionOnly.p50)}, p99 ${delta(sec.loaded.p99, admissionOnly.p99)}`,
    `effect of the 1,000 roles + bindings alone: p50 ${delta(sec.loaded.p50, sec.empty.p50)}, p99 ${delta(sec.loaded.p99, sec.empty.p99)}`,
    `policy load: ${sec.objects} objects created through the API in ${sec.policySeconds.toFixed(1)} s`,
    '',
    'RBAC in process (workers/kube/rbac RbacSnapshot; the API rebuilds it only when an RBAC object changes):',
    snapLine('default policy only', snapEmpty),
    snapLine('+ the 1,000-role load', snapLoaded),
    '',
    `RBAC matrix (test/rbac-matrix.test.ts): ${matrix} SubjectAccessReview cases + ${REAL_REQUESTS_PER_IDENTITY * IDENTITIES.length} real requests (${IDENTITIES.length} identities)`,
    `bad-input table (test/bad-input-cases.ts): ${BAD_INPUT_CASES.length} cases`,
    '',
  ];
  process.stdout.write(out.join('\n'));
}

main()
  .then(() => process.exit(0))
  .catch(async (e) => {
    log(`FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    await stopStack();
    process.exit(1);
  });
