// One measured phase on a fresh local stack with simulated nodes (agent/src/sim): start, run, stop.
// Prints the simulator's counters and how busy this process (stack driver + simulator) and workerd were,
// so a slow number says which side was behind.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeFetcher } from '../../agent/src/http';
import { SimCluster, type SimClusterOptions } from '../../agent/src/sim';
import { ApiClient } from '../../workers/kube/client';
import { startStack } from '../../local/stack';

export type Log = (m: string) => void;

export interface SimPhase {
  api: ApiClient;
  sim: SimCluster;
  /** Latency of the simulator's own API calls so far ("PATCH p50 0.1 s p95 0.4 s n 200; ..."), by method. */
  simLatency(): string;
}

/** Wraps a fetch to record each call's time to response headers, by method. */
function timedFetch(inner: (r: Request) => Promise<Response>) {
  const samples = new Map<string, number[]>();
  const fetch = async (r: Request) => {
    const t = performance.now();
    try {
      return await inner(r);
    } finally {
      const list = samples.get(r.method) ?? [];
      list.push((performance.now() - t) / 1000);
      samples.set(r.method, list);
    }
  };
  const summary = () =>
    [...samples]
      .map(([m, xs]) => {
        const s = [...xs].sort((a, b) => a - b);
        const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(2);
        return `${m} p50 ${q(0.5)} s p95 ${q(0.95)} s n ${s.length}`;
      })
      .join('; ');
  return { fetch, summary };
}

/** CPU seconds (user + system) a process used so far, from procfs. */
export function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The workerd processes this bench started (children of this process). */
function workerdPids(): number[] {
  const out: number[] = [];
  const walk = (pid: number) => {
    let children: string[] = [];
    try {
      children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    } catch {
      return;
    }
    for (const c of children) {
      out.push(Number(c));
      walk(Number(c));
    }
  };
  walk(process.pid);
  return out;
}

export async function withSimStack<T>(opts: { nodes: number; vars?: Record<string, string>; sim?: Partial<SimClusterOptions>; log: Log }, run: (p: SimPhase) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'kubeflare-bench-workloads-'));
  const stack = await startStack({ stateDir: dir, port: 0, persist: false, vars: { NODE_MONITOR_GRACE_PERIOD_SECONDS: '600', ...opts.vars } });
  const fetcher = createNodeFetcher({ caPem: stack.caPem, maxSockets: 64 });
  const api = new ApiClient({ fetch: fetcher, baseUrl: stack.url, token: stack.token, userAgent: 'bench-workloads' });
  // The simulator's calls are timed apart from the bench's own polls.
  const timed = timedFetch(fetcher);
  const simApi = new ApiClient({ fetch: timed.fetch, baseUrl: stack.url, token: stack.token, userAgent: 'bench-workloads-sim' });
  const sim = new SimCluster({ api: simApi, nodes: { count: opts.nodes, zones: 3 }, markRunning: true, heartbeatSeconds: 10, concurrency: 32, ...opts.sim });
  try {
    const t = performance.now();
    await sim.start();
    opts.log(`${opts.nodes} simulated nodes registered in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const others = workerdPids();
    const cpu0 = process.cpuUsage();
    const w0 = others.reduce((s, p) => s + cpuSecondsOf(p), 0);
    const w = performance.now();
    const out = await run({ api, sim, simLatency: timed.summary });
    const wall = (performance.now() - w) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const mine = (cpu.user + cpu.system) / 1e6;
    const theirs = others.reduce((s, p) => s + cpuSecondsOf(p), 0) - w0;
    opts.log(`cpu during the phase (${wall.toFixed(1)} s wall): bench+simulator process ${mine.toFixed(1)} s, workerd ${theirs.toFixed(1)} s; simulator ${JSON.stringify(sim.counters)}; simulator API calls: ${timed.summary()}`);
    return out;
  } finally {
    await sim.stop(10_000);
    fetcher.close();
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Polls `pred` every 250 ms until it holds (then the seconds it took) or `limitMs` passed (then throws). */
export async function until(what: string, pred: () => Promise<boolean>, limitMs: number, onTimeout?: () => Promise<void>): Promise<number> {
  const start = performance.now();
  // A poll that fails (a connection reset by an overloaded server) is just another poll.
  const check = () => pred().catch((e: unknown) => (process.stderr.write(`  poll failed: ${(e as Error).message}\n`), false));
  while (!(await check())) {
    if (performance.now() - start > limitMs) {
      await onTimeout?.();
      throw new Error(`${what}: not reached in ${limitMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return (performance.now() - start) / 1000;
}
