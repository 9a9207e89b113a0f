// The benchmark's output: one markdown table of measures and targets (PASS/FAIL), then the profile.
import { percentile } from '../api/stats';
import type { IsolateProfile } from './profile';

export interface Results {
  nodes: number;
  pods: number;
  /** Bindings the scheduler committed in phase 1. */
  bound: number;
  /** Scheduler's first decision → its last committed binding (s). */
  spanS: number;
  /** Scheduler start (ensure) → the last binding seen by the watching client (s). */
  throughputWall: number;
  latencyPods: number;
  rate: number;
  latencies: number[];
  latencyFailed: number;
  createMs: number[];
  problems: string[];
  pending: number;
  loadBefore: string;
  loadAfter: string;
  /** The scheduler's /state after phase 1 (an idle Durable Object may be evicted later, resetting it). */
  scheduler: Record<string, unknown>;
  /** workerd CPU seconds (every isolate, D1 and Durable Object) and wall seconds of each phase. */
  cpu: { throughput: { cpuS: number; wallS: number }; latency: { cpuS: number; wallS: number } };
}

const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

export function printReport(r: Results): void {
  const rate = r.bound / r.spanS;
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  const create = [...r.createMs].sort((a, b) => a - b);
  console.log(`## Scheduler benchmark: ${r.nodes} simulated nodes, ${r.pods} pending pods, then ${r.latencyPods} arriving at ${r.rate}/s\n`);
  console.log(`load average (1/5/15 min) before ${r.loadBefore}, after ${r.loadAfter} (2 cores: above ~2 the numbers are inflated)\n`);
  console.log('| measure | value | target | result |\n|:--|--:|--:|:--|');
  console.log(`| pods bound per second, first decision → last committed binding | ${rate.toFixed(0)} (${r.bound} in ${r.spanS.toFixed(2)} s) | ≥ 1000 | ${pass(rate >= 1000 && r.bound >= r.pods)} |`);
  console.log(`| scheduler start → last binding seen by a watcher | ${r.throughputWall.toFixed(2)} s (${(r.pods / r.throughputWall).toFixed(0)} pods/s, incl. the cold-start relist) | | |`);
  console.log(`| create → bound p50 at ${r.rate}/s | ${p50.toFixed(0)} ms | | |`);
  console.log(`| create → bound p99 at ${r.rate}/s | ${p99.toFixed(0)} ms | ≤ 150 ms | ${pass(p99 <= 150 && r.latencyFailed === 0)} |`);
  console.log(`| (of which the create request, p50 / p99) | ${percentile(create, 50).toFixed(0)} / ${percentile(create, 99).toFixed(0)} ms | | |`);
  const cpu = (c: { cpuS: number; wallS: number }, pods: number) => `${((1000 * c.cpuS) / Math.max(1, pods)).toFixed(2)} ms per pod, ${((100 * c.cpuS) / c.wallS).toFixed(0)}% of one core`;
  console.log(`| workerd CPU, phase 1 (scheduling and binding only) | ${cpu(r.cpu.throughput, r.pods)} | | |`);
  console.log(`| workerd CPU, phase 2 (create, schedule, bind, watch) | ${cpu(r.cpu.latency, r.latencyPods)} | | |`);
  console.log(`| latency-phase pods not created or not bound (create failures included) | ${r.latencyFailed} | 0 | ${pass(r.latencyFailed === 0)} |`);
  console.log(`| constraint violations (capacity, taints, selectors, affinity, spread) | ${r.problems.length} | 0 | ${pass(r.problems.length === 0)} |`);
  console.log(`| pods left pending | ${r.pending} | 0 | ${pass(r.pending === 0)} |`);
  for (const p of r.problems.slice(0, 10)) console.log(`\n- ${p}`);
  const s = r.scheduler;
  console.log(`\nscheduler after phase 1: attempts ${s.attempts}, bound ${s.bound}, conflicts ${s.conflicts}, unschedulable ${s.unschedulable}, errors ${s.errors}, turns ${s.turns}, relists ${s.relists}, changes read ${s.changes}, events dropped ${s.eventsDropped} (backlog ${s.eventBacklog}), event errors ${s.eventErrors}`);
}

/** `perPods`: also print inclusive CPU per pod by function (BENCH_PROFILE_TOP lines, default 25). */
export function printProfile(profiles: IsolateProfile[], perPods?: number, phase = 'phase 1'): void {
  console.log(`\n## CPU profile of ${phase} (V8 sampling, per workerd isolate)\n`);
  console.log('| isolate | busy | share of wall |\n|:--|--:|--:|');
  for (const p of profiles) console.log(`| ${p.worker} | ${(p.busyMs / 1000).toFixed(1)} s | ${((100 * p.busyMs) / p.wallMs).toFixed(0)}% |`);
  for (const p of profiles) {
    if (p.busyMs < 100) continue;
    console.log(`\n${p.worker}: top files`);
    for (const [f, ms] of p.byFile.slice(0, Number(process.env.BENCH_PROFILE_SELF ?? 12))) console.log(`  ${((100 * ms) / p.busyMs).toFixed(1).padStart(5)}%  ${f}`);
    console.log(`${p.worker}: top functions (self time)`);
    for (const [f, ms] of p.byFunction.slice(0, Number(process.env.BENCH_PROFILE_SELF ?? 12))) console.log(`  ${((100 * ms) / p.busyMs).toFixed(1).padStart(5)}%  ${f}`);
    if (!perPods) continue;
    console.log(`${p.worker}: ${(p.busyMs / perPods).toFixed(2)} ms CPU per pod; inclusive ms per pod by function:`);
    for (const [f, ms] of p.inclusiveByFunction.slice(0, Number(process.env.BENCH_PROFILE_TOP ?? 25))) console.log(`  ${(ms / perPods).toFixed(3).padStart(7)}  ${f}`);
  }
}
