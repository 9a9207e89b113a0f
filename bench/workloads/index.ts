// `npm run bench:workloads`: workload controllers at scale on simulated nodes, and the HPA on real
// containers. Phases (BENCH_PHASES, default "job,daemonset,hpa"), each on a fresh stack:
//   job        a Job of BENCH_JOB_COMPLETIONS (1000) completions, parallelism BENCH_JOB_PARALLELISM (100),
//              on BENCH_JOB_NODES (100) simulated nodes, pods exiting BENCH_JOB_EXIT_MS (1000) after they run
//   daemonset  a DaemonSet on BENCH_DS_NODES (1000) simulated nodes, apply → all available
//   hpa        real podman containers: load on → metrics show it → HPA scales → new replicas Ready
import { execFileSync } from 'node:child_process';
import { measureDaemonSet } from './daemonset';
import { measureHpa } from './hpa';
import { measureJob } from './job';

const num = (name: string, d: number) => Number(process.env[name] ?? d);
const phases = new Set((process.env.BENCH_PHASES ?? 'job,daemonset,hpa').split(',').map((s) => s.trim()));
const log = (m: string) => process.stderr.write(`[bench ${(performance.now() / 1000).toFixed(1)}s] ${m}\n`);
const load = () => execFileSync('uptime', { encoding: 'utf8' }).trim();

const rows: string[] = [];
/** A phase that fails (e.g. its wait limit passed) is a row saying so; the other phases still run. */
async function phase(name: string, run: () => Promise<void>) {
  try {
    await run();
  } catch (e) {
    log(`${name} failed: ${(e as Error).message}`);
    rows.push(`| ${name} | not finished: ${(e as Error).message} |`);
  }
}
log(`machine at start: ${load()}`);
if (phases.has('job')) await phase('job', async () => {
  const r = await measureJob({ nodes: num('BENCH_JOB_NODES', 100), completions: num('BENCH_JOB_COMPLETIONS', 1000), parallelism: num('BENCH_JOB_PARALLELISM', 100), exitMs: num('BENCH_JOB_EXIT_MS', 1000), limitMs: num('BENCH_LIMIT_MS', 600_000), log });
  rows.push(`| Job ${r.completions} completions, parallelism ${r.parallelism}, ${r.nodes} simulated nodes, pods exit ${r.exitMs} ms after start: apply → Complete | ${r.seconds.toFixed(1)} s (${(r.completions / r.seconds).toFixed(1)} completions/s; floor ${r.floorSeconds.toFixed(0)} s) |`);
  log(`machine: ${load()}`);
});
if (phases.has('daemonset')) await phase('daemonset', async () => {
  const r = await measureDaemonSet({ nodes: num('BENCH_DS_NODES', 1000), limitMs: num('BENCH_LIMIT_MS', 600_000), log });
  rows.push(`| DaemonSet on ${r.nodes} simulated nodes: apply → all available | ${r.seconds.toFixed(1)} s |`);
  log(`machine: ${load()}`);
});
if (phases.has('hpa')) await phase('hpa', async () => {
  const r = await measureHpa({ log });
  if (r) {
    rows.push(`| HPA, real containers: load on → metrics show it (ConfigMap volume update + ${r.pushSeconds} s metrics push) | ${r.loadSeenSeconds.toFixed(1)} s |`);
    rows.push(`| HPA: metrics show load → scale decision (sync every ${r.syncSeconds} s) | ${r.decisionSeconds.toFixed(1)} s |`);
    rows.push(`| HPA: scale decision → new replicas Ready (${r.from} → ${r.to}) | ${r.readySeconds.toFixed(1)} s |`);
    rows.push(`| HPA: load seen → new replicas Ready (the reaction time) | ${(r.decisionSeconds + r.readySeconds).toFixed(1)} s |`);
  } else rows.push('| HPA on real containers | skipped: no podman |');
  log(`machine: ${load()}`);
});
console.log(`## Workloads benchmark (${load()})\n`);
console.log('| measure | value |\n|:--|--:|');
for (const r of rows) console.log(r);
