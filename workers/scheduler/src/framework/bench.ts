// Micro-benchmark: `npx tsx workers/scheduler/src/framework/bench.ts [nodes] [pods]`.
// Schedules mixed pods onto mixed nodes in-process and checks the result independently.
import { checkPlacements } from './bench-check';
import { makeNodes, makePods } from './bench-cluster';
import { defaultProfile } from './profile';
import { seededRng } from './rng';
import { scheduleOne } from './schedule-one';
import { Snapshot } from './snapshot';
import type { Pod } from './types';

const numNodes = Number(process.argv[2] ?? 5000);
const numPods = Number(process.argv[3] ?? 10000);
const nodes = makeNodes(numNodes);
const pods = makePods(numPods);
const snapshot = new Snapshot(nodes);
const profile = defaultProfile();
const rng = seededRng(42);
const placed = new Map<Pod, string>();
const reasons = new Map<string, number>();

const t0 = performance.now();
for (const p of pods) {
  const r = scheduleOne(p, snapshot, profile, { rng });
  if ('node' in r) placed.set(p, r.node);
  else if ('unschedulable' in r) reasons.set(r.unschedulable.message, (reasons.get(r.unschedulable.message) ?? 0) + 1);
}
const secs = (performance.now() - t0) / 1000;

const problems = checkPlacements(nodes, placed);
console.log(`${numPods} pods on ${numNodes} nodes: ${placed.size} scheduled, ${numPods - placed.size} unschedulable in ${secs.toFixed(2)}s = ${Math.round(numPods / secs)} pods/s`);
for (const [m, n] of [...reasons].slice(0, 5)) console.log(`  unschedulable x${n}: ${m}`);
console.log(problems.length === 0 ? 'valid: no node over capacity, no constraint violated' : `INVALID (${problems.length}):\n  ${problems.slice(0, 10).join('\n  ')}`);
if (problems.length > 0) process.exitCode = 1;
