// Creating the benchmark's pods: all at once with bounded concurrency (the pending backlog), or at a
// fixed arrival rate whatever the server's pace (the latency phase: an open-loop arrival, so a slow
// answer does not slow the arrivals down and hide the queueing).
import type { ApiClient } from '../../workers/kube/client';
import { benchPod } from './workload';

const path = (ns: string) => `/api/v1/namespaces/${ns}/pods`;

export async function createAll(api: ApiClient, from: number, count: number, prefix: string, concurrency: number, progress: (n: number) => void): Promise<void> {
  let next = from;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < from + count) {
        const pod = benchPod(next++, prefix);
        await api.create(path(pod.metadata.namespace!), pod);
        if (++done % 2000 === 0) progress(done);
      }
    }),
  );
}

export interface ArrivalResult {
  /** namespace/name → performance.now() when its create was sent. */
  startedAt: Map<string, number>;
  /** Create request latencies (ms), for context. */
  createMs: number[];
  failed: number;
}

export async function createAtRate(api: ApiClient, from: number, count: number, prefix: string, perSecond: number): Promise<ArrivalResult> {
  const out: ArrivalResult = { startedAt: new Map(), createMs: [], failed: 0 };
  const t0 = performance.now();
  const inflight: Promise<void>[] = [];
  for (let k = 0; k < count; k++) {
    const due = t0 + (k * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const pod = benchPod(from + k, prefix);
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const at = performance.now();
    out.startedAt.set(key, at);
    inflight.push(
      api.create(path(pod.metadata.namespace!), pod).then(
        () => void out.createMs.push(performance.now() - at),
        (e: unknown) => {
          out.failed++;
          out.startedAt.delete(key);
          if (out.failed <= 5) process.stderr.write(`create ${key} failed after ${(performance.now() - at).toFixed(0)} ms: ${String((e as Error).message ?? e).slice(0, 300)}\n`);
        },
      ),
    );
  }
  await Promise.all(inflight);
  return out;
}
