// A Job of `completions` pods, `parallelism` at a time, on simulated nodes whose containers exit 0
// `exitMs` after they run (the simulator's exit-after annotation): apply → Complete.
import type { KObject } from '../../workers/kube/registry/types';
import { EXIT_AFTER_ANNOTATION } from '../../agent/src/sim/pod-status';
import { type Log, until, withSimStack } from './sim-phase';

export interface JobResult {
  nodes: number;
  completions: number;
  parallelism: number;
  exitMs: number;
  seconds: number;
  /** The ideal with no overhead: waves × exitMs. */
  floorSeconds: number;
}

export function measureJob(opts: { nodes: number; completions: number; parallelism: number; exitMs: number; limitMs: number; log: Log }): Promise<JobResult> {
  let simErrors = 0;
  const simLog = (msg: string, fields?: Record<string, unknown>) => {
    if (simErrors++ < 20) opts.log(`  sim: ${msg} ${JSON.stringify(fields ?? {})}`);
  };
  return withSimStack({ nodes: opts.nodes, log: opts.log, sim: { log: simLog } }, async ({ api, sim, simLatency }) => {
    const path = '/apis/batch/v1/namespaces/default/jobs';
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'bench' },
      spec: {
        completions: opts.completions,
        parallelism: opts.parallelism,
        backoffLimit: 10,
        template: {
          metadata: { annotations: { [EXIT_AFTER_ANNOTATION]: String(opts.exitMs) } },
          spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
        },
      },
    };
    type JobStatus = { succeeded?: number; failed?: number; active?: number; conditions?: { type: string; status: string }[] };
    const status = async () => ((await api.get<KObject>(`${path}/bench`)).status ?? {}) as JobStatus;
    let last = -1;
    let lastLog = 0;
    const t = performance.now();
    await api.create(path, job);
    const seconds = await until(
      'Job complete',
      async () => {
        const s = await status();
        const done = s.succeeded ?? 0;
        if (Math.floor(done / 100) !== Math.floor(last / 100) || performance.now() - lastLog > 15_000) {
          lastLog = performance.now();
          const { podsMarkedRunning, podsExited, errors, watchRestarts } = sim.counters;
          // Where the pods are: not yet bound (scheduler), bound but not Running (simulator), by phase.
          const pods = await api.list<KObject>('/api/v1/namespaces/default/pods', { labelSelector: 'batch.kubernetes.io/job-name=bench' });
          const stages: Record<string, number> = {};
          for (const p of pods.items) {
            const st = p.status as { phase?: string } | undefined;
            const k = !(p.spec as { nodeName?: string }).nodeName ? 'unbound' : (st?.phase ?? 'Pending');
            stages[k] = (stages[k] ?? 0) + 1;
          }
          opts.log(`  ${done} succeeded, ${s.active ?? 0} active, ${s.failed ?? 0} failed at ${((performance.now() - t) / 1000).toFixed(1)} s; pods ${JSON.stringify(stages)}; simulator: ${JSON.stringify({ podsMarkedRunning, podsExited, errors, watchRestarts, pendingCalls: sim.pendingCalls, pendingHeartbeats: sim.pendingHeartbeats })}; calls ${simLatency()}`);
        }
        last = done;
        return (s.conditions ?? []).some((c) => c.type === 'Complete' && c.status === 'True');
      },
      opts.limitMs,
      async () => opts.log(`  job status at the limit: ${JSON.stringify(await status().catch(() => ({})))}`),
    ).catch((e: Error) => {
      throw new Error(`${e.message} (${last} of ${opts.completions} completions by then)`);
    });
    return { nodes: opts.nodes, completions: opts.completions, parallelism: opts.parallelism, exitMs: opts.exitMs, seconds, floorSeconds: (Math.ceil(opts.completions / opts.parallelism) * opts.exitMs) / 1000 };
  });
}
