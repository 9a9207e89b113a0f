// The same phases, in the same order, against one target.
import type { Plan } from './plan';
import { touched, makePod } from './pod';
import { type PhaseResult, merge, runConcurrent, runRepeated } from './runner';
import { summarize } from './stats';
import type { Stored, Target } from './target';
import { type WatchResult, watchLatency } from './watch-latency';

export interface SuiteResult {
  create: PhaseResult;
  get: PhaseResult;
  update: PhaseResult;
  listSmall: PhaseResult;
  listBig: PhaseResult;
  watches: WatchResult[];
}

const NS_WARM = 'bench-warmup';
const NS_SMALL = 'bench-1k';
const NS_BIG = 'bench-10k';
const podName = (i: number) => `pod-${String(i).padStart(5, '0')}`;

function report(log: (m: string) => void, label: string, r: PhaseResult) {
  const s = r.summary;
  log(`  ${label}: n=${s.n} p50=${s.p50.toFixed(1)}ms p99=${s.p99.toFixed(1)}ms ${s.rate.toFixed(1)}/s${r.errors ? ` errors=${r.errors} first: ${r.firstError}` : ''}`);
}

export async function runSuite(t: Target, plan: Plan, log: (m: string) => void): Promise<SuiteResult> {
  const c = plan.concurrency;
  const tag = `[${t.name}]`;
  for (const ns of [NS_WARM, NS_SMALL, NS_BIG]) await t.prepareNamespace(ns);

  // Warm-up: code paths, connection pools, JIT on both ends; not reported.
  log(`${tag} warm-up`);
  const warm = Array.from({ length: plan.warmupPods }, (_, i) => podName(i));
  report(log, 'warm-up create', await runConcurrent(warm, c, (n, i) => t.create(NS_WARM, n, makePod(NS_WARM, n, i))));
  await runConcurrent(warm, c, async (n) => void (await t.get(NS_WARM, n)));
  await runRepeated(5, 5, 0, async () => void (await t.list(NS_WARM)));

  log(`${tag} create ${plan.smallList} + ${plan.bigList} pods, ${c} clients`);
  // Two runs, reported apart on stderr, so a cost that grows with the namespace's size shows up.
  const createIn = (ns: string, count: number) =>
    runConcurrent(
      Array.from({ length: count }, (_, i) => i),
      c,
      (i) => t.create(ns, podName(i), makePod(ns, podName(i), i)),
      (done) => log(`  ... ${done}/${count}`),
    );
  const createSmall = await createIn(NS_SMALL, plan.smallList);
  report(log, `create into ${NS_SMALL}`, createSmall);
  const createBig = await createIn(NS_BIG, plan.bigList);
  report(log, `create into ${NS_BIG}`, createBig);
  const create = merge(createSmall, createBig);
  report(log, 'create (all)', create);

  // Get and update the same distinct pods (half in each namespace): no two clients touch one pod, so
  // every conditional update should succeed.
  const half = Math.floor(plan.getUpdateCount / 2);
  const targets = [
    ...Array.from({ length: half }, (_, k) => ({ ns: NS_SMALL, name: podName(k % plan.smallList) })),
    ...Array.from({ length: plan.getUpdateCount - half }, (_, k) => ({ ns: NS_BIG, name: podName((k * 7) % plan.bigList) })),
  ];
  const read = new Map<string, Stored>();
  log(`${tag} get ${targets.length}, ${c} clients`);
  const get = await runConcurrent(targets, c, async ({ ns, name }) => void read.set(`${ns}/${name}`, await t.get(ns, name)));
  report(log, 'get', get);

  log(`${tag} update ${targets.length} (conditional on the version read), ${c} clients`);
  const update = await runConcurrent(targets, c, async ({ ns, name }) => {
    const s = read.get(`${ns}/${name}`);
    if (!s) throw new Error(`no prior read of ${ns}/${name}`);
    await t.update(ns, name, s.version, touched(s.obj, 1));
  });
  report(log, 'update', update);

  // Also logs where a list's time goes: until headers (server), until the last byte (server + transfer).
  const listPhase = async (ns: string, want: number, reps: number) => {
    const headers: number[] = [];
    const body: number[] = [];
    const r = await runRepeated(reps, 5, plan.listBudgetMs, async () => {
      const l = await t.list(ns);
      if (l.items !== want) throw new Error(`list ${ns} returned ${l.items} items, expected ${want}`);
      headers.push(l.headersMs);
      body.push(l.bodyMs);
    });
    const h = summarize(headers, 0);
    const b = summarize(body, 0);
    log(`  list ${ns}: p50 to headers ${h.p50.toFixed(1)}ms, to last byte ${b.p50.toFixed(1)}ms, total ${r.summary.p50.toFixed(1)}ms (rest = client JSON.parse)`);
    // A list is compared as the server's response time (to the last byte): the client's JSON.parse is
    // not the store's work, and etcd's base64 values would make that part incomparable anyway.
    return { ...r, summary: summarize(body, r.wallMs) };
  };
  log(`${tag} list ${plan.smallList} x${plan.smallListReps}`);
  const listSmall = await listPhase(NS_SMALL, plan.smallList, plan.smallListReps);
  report(log, 'list small', listSmall);
  log(`${tag} list ${plan.bigList} x${plan.bigListReps}`);
  const listBig = await listPhase(NS_BIG, plan.bigList, plan.bigListReps);
  report(log, 'list big', listBig);

  const watches: WatchResult[] = [];
  for (const w of plan.watches) {
    log(`${tag} watch: ${w.watchers} watchers, ${w.writes} writes every ${w.intervalMs} ms`);
    const r = await watchLatency(t, `bench-watch-${w.watchers}`, w, log);
    log(`  deliveries=${r.received}/${r.expected} lost=${r.lost} dup=${r.duplicates} broken=${r.broken} p50=${r.summary.p50.toFixed(1)}ms p99=${r.summary.p99.toFixed(1)}ms (after response p50=${r.afterResponse.p50.toFixed(1)}ms p99=${r.afterResponse.p99.toFixed(1)}ms)${r.firstError ? ` first error: ${r.firstError}` : ''}`);
    watches.push(r);
  }
  return { create, get, update, listSmall, listBig, watches };
}
