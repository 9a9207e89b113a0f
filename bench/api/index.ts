// `npm run bench:api`: the Kubernetes API on our local stack vs etcd 3.4, same operations and payloads.
// Progress goes to stderr, the tables to stdout. See bench/README.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Stack, startStack } from '../../local/stack';
import { type EtcdServer, ensureEtcd, startEtcd } from './etcd-server';
import { EtcdTarget } from './etcd-target';
import { KubeTarget } from './kube-target';
import { plan } from './plan';
import { now } from './stats';
import { type SuiteResult, runSuite } from './suite';
import { comparisonTable, targetsTable } from './table';

const t0 = now();
const log = (m: string) => process.stderr.write(`[bench ${((now() - t0) / 1000).toFixed(1).padStart(5)}s] ${m}\n`);

let stack: Stack | undefined;
let stateDir: string | undefined;
let etcd: EtcdServer | undefined;

/** Stops only what this process started: the Miniflare stack and the etcd child (by its PID). */
async function cleanup() {
  const s = stack;
  const e = etcd;
  stack = etcd = undefined;
  await s?.stop().catch(() => undefined);
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  await e?.stop().catch(() => undefined);
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    log(`${sig}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function benchOurs(): Promise<SuiteResult> {
  stateDir = mkdtempSync(join(tmpdir(), 'kubeflare-bench-'));
  log('starting local stack (Miniflare + workerd, in-memory D1, WATCH_POLL_MS=1000)');
  // The API alone, as etcd is measured alone: no scheduler or controllers reacting to the bench's pods.
  stack = await startStack({ stateDir, port: 0, persist: false, vars: { WATCH_POLL_MS: '1000', ...extraVars() }, components: false });
  log(`stack up at ${stack.url}`);
  const target = new KubeTarget(stack.url, stack.token, stack.caPem);
  try {
    return await runSuite(target, plan, log);
  } finally {
    await target.close();
    // Stopped before etcd runs, so the two never share the 2 cores.
    await stack.stop();
    stack = undefined;
    rmSync(stateDir, { recursive: true, force: true });
    stateDir = undefined;
  }
}

async function benchEtcd(bin: string): Promise<{ result: SuiteResult; version: string; api: string }> {
  etcd = await startEtcd(bin, log);
  const target = await EtcdTarget.connect(etcd.url);
  log(`etcd gateway prefix: ${target.api}`);
  try {
    return { result: await runSuite(target, plan, log), version: etcd.version, api: target.api };
  } finally {
    await target.close();
    await etcd.stop();
    log(`etcd (pid ${etcd.pid}) stopped`);
    etcd = undefined;
  }
}

const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

async function main(): Promise<number> {
  // The machine may be shared: the load average is printed so a noisy run can be recognised.
  const loadAtStart = load();
  let etcdBin: string | undefined;
  let etcdProblem: string | undefined;
  try {
    etcdBin = ensureEtcd(log);
  } catch (e) {
    etcdProblem = e instanceof Error ? e.message : String(e);
    log(`ERROR: ${etcdProblem}\nContinuing with our side only; the etcd columns will read n/a.`);
  }
  const ours = await benchOurs();
  const ref = etcdBin ? await benchEtcd(etcdBin) : undefined;

  const out = [
    `## API benchmark: kubeflare local stack vs etcd ${ref ? `${ref.version} (gateway ${ref.api})` : '(unavailable)'}`,
    `node ${process.version}, ${new Date().toISOString()}, total ${((now() - t0) / 1000).toFixed(0)} s${process.env.BENCH_QUICK === '1' ? ', BENCH_QUICK=1 (reduced sizes)' : ''}`,
    `load average at start ${loadAtStart}, at end ${load()} (2 cores: above ~2 means other work competed)`,
    '',
    comparisonTable(plan, ours, ref?.result),
    '',
    targetsTable(plan, ours, ref?.result),
    '',
  ];
  if (etcdProblem) out.push(`etcd unavailable: ${etcdProblem}`, '');
  process.stdout.write(out.join('\n'));
  return etcdProblem ? 1 : 0;
}

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (e) => {
    log(`FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    await cleanup();
    process.exit(1);
  });

/** BENCH_API_VARS='{"AUDIT_POLICY":"..."}': extra worker variables, to compare configurations. */
function extraVars(): Record<string, string> {
  const raw = process.env.BENCH_API_VARS;
  if (!raw) return {};
  console.error(`[bench] extra worker variables: ${raw}`);
  return JSON.parse(raw) as Record<string, string>;
}
