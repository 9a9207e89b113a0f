// `npm run bench:controllers`: the control loop at scale on the local stack with a simulated cluster
// (nodes that mark their pods Running). Two phases, each on a fresh stack:
//   rollout  a Deployment of N replicas from apply to all available, then a rolling update (maxSurge
//            25%) to completion, sampling that availability never drops below replicas - maxUnavailable
//            (rollout.ts);
//   failure  recovery from 50 silent nodes (node-failure.ts).
// The simulated nodes act in group system:nodes, as kubelets do (../support/simulated-nodes.ts).
// Environment:
//   BENCH_PHASES            which phases, comma-separated (default "rollout,failure"; "failure" alone)
//   BENCH_NODES             simulated nodes (default 1000)
//   BENCH_REPLICAS          replicas (default 1000)
//   BENCH_ROLLOUT_LIMIT_MS  how long the rolling update may take before the run fails (default 300000)
//   BENCH_GRACE_SECONDS     failure: the node monitor grace period (default 40, upstream's)
//   BENCH_HEARTBEAT_SECONDS failure: the simulated kubelets' Lease renewal period (default 10, the kubelet's)
//   BENCH_EVICTION_SECONDS  failure: the pods' default not-ready/unreachable toleration (default 5)
//   BENCH_EVICTION_RATE     failure: NoExecute taints per second per zone (default 0.1, upstream's)
//   BENCH_SILENT_NODES      failure: nodes that go silent (default 50, at most a quarter of the nodes)
//   BENCH_VARS              extra worker variables as JSON, e.g. '{"CONTROLLERS_YIELD_TO_IO":"false"}'
import { measureNodeFailure } from './node-failure';
import { measureRollout } from './rollout';

const NODES = Number(process.env.BENCH_NODES ?? 1000);
const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 1000);
const PHASES = new Set((process.env.BENCH_PHASES ?? 'rollout,failure').split(',').map((s) => s.trim()));
const log = (m: string) => process.stderr.write(`[bench ${(performance.now() / 1000).toFixed(1)}s] ${m}\n`);

for (const p of PHASES) if (p !== 'rollout' && p !== 'failure') throw new Error(`BENCH_PHASES: unknown phase "${p}" (rollout, failure)`);

const VARS = process.env.BENCH_VARS ? (JSON.parse(process.env.BENCH_VARS) as Record<string, string>) : undefined;
if (PHASES.has('rollout')) await measureRollout({ nodes: NODES, replicas: REPLICAS, vars: VARS, log });

if (PHASES.has('failure')) {
  const failure = await measureNodeFailure({
    nodes: NODES,
    replicas: REPLICAS,
    silent: Math.min(Number(process.env.BENCH_SILENT_NODES ?? 50), Math.floor(NODES / 4)),
    zones: 3,
    graceSeconds: Number(process.env.BENCH_GRACE_SECONDS ?? 40),
    heartbeatSeconds: Number(process.env.BENCH_HEARTBEAT_SECONDS ?? 10),
    evictionSeconds: Number(process.env.BENCH_EVICTION_SECONDS ?? 5),
    evictionRate: Number(process.env.BENCH_EVICTION_RATE ?? 0.1),
    vars: VARS,
    log,
  });
  const waits = failure.graceSeconds + failure.limiterSeconds + failure.evictionSeconds;
  console.log(`\n## Node failure: ${failure.silent} of ${failure.nodes} nodes go silent (${failure.podsOnSilentNodes} of ${failure.replicas} pods on them)\n`);
  console.log(`Heartbeat every ${failure.heartbeatSeconds} s, grace ${failure.graceSeconds} s, ${failure.evictionRate} NoExecute taints/s per zone, toleration ${failure.evictionSeconds} s.\n`);
  console.log('| measure | value |\n|:--|--:|');
  console.log(`| apply → all ${failure.replicas} replicas Ready (before the failure) | ${failure.firstReadySeconds.toFixed(1)} s |`);
  console.log(`| silence → last silenced node not Ready | ${failure.lastNotReadySeconds.toFixed(1)} s |`);
  console.log(`| silence → last silenced node tainted NoExecute | ${failure.lastTaintedSeconds.toFixed(1)} s |`);
  console.log(`| silence → every pod Ready on another node | ${failure.recoverySeconds.toFixed(1)} s |`);
  console.log(`| of which configured waits (grace ${failure.graceSeconds} s + zone limiter ${failure.limiterSeconds.toFixed(0)} s + toleration ${failure.evictionSeconds} s) | ${waits.toFixed(0)} s |`);
  console.log(`| overhead beyond the configured waits | ${(failure.recoverySeconds - waits).toFixed(1)} s |`);
  // The waits above count from the silence, but a node's last renewal came up to one heartbeat earlier.
  console.log(`| last NoExecute taint + toleration → every pod Ready elsewhere | ${(failure.recoverySeconds - failure.lastTaintedSeconds - failure.evictionSeconds).toFixed(1)} s |`);
  console.log(`| healthy nodes wrongly declared not Ready | ${failure.falselyNotReady} |`);
  console.log(`| longest gap between two heartbeats of a healthy node | ${failure.maxHeartbeatGapSeconds.toFixed(1)} s |`);
}
