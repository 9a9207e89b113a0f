// Where the CPU time goes inside workerd: a V8 CPU profile of each worker isolate (the api worker with
// its WatchChannel DOs, the scheduler worker with its Scheduler DO) through the inspector that
// local/stack.ts opens when KUBEFLARE_INSPECTOR_PORT is set. Samples are attributed to the source
// file of the bundled function (esbuild leaves a `// path/to/file.ts` line before each module).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

class Session {
  private next = 1;
  private readonly pending = new Map<number, (r: unknown) => void>();
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { id?: number; result?: unknown };
      if (msg.id !== undefined) this.pending.get(msg.id)?.(msg.result);
    });
  }

  static open(url: string): Promise<Session> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.once('open', () => resolve(new Session(ws)));
      ws.once('error', reject);
    });
  }

  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (r: unknown) => void);
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

export interface IsolateProfile {
  worker: string;
  /** Sampled ms that were not idle. */
  busyMs: number;
  wallMs: number;
  /** Busy ms by source file (or V8's own buckets: GC, program), most first. */
  byFile: [string, number][];
  /** Busy ms by function, most first. */
  byFunction: [string, number][];
  /** Busy ms spent in a file or anything it called (each sample counted once per file on its stack). */
  inclusiveByFile: [string, number][];
  /** The same per function. */
  inclusiveByFunction: [string, number][];
}

export class Profiler {
  private sessions: { worker: string; s: Session }[] = [];
  private started = 0;

  private constructor(private readonly buildDir: string) {}

  /**
   * Connects to every user worker of the workerd inspector on `port` and starts sampling; with
   * KUBEFLARE_PROFILE_D1=1 also Miniflare's D1 object (`d1:db`, where the SQL runs and results are encoded).
   */
  static async start(port: number, buildDir: string): Promise<Profiler> {
    const p = new Profiler(buildDir);
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { id: string }[];
    const wanted = (id: string) => id.startsWith('core:user:') || (process.env.KUBEFLARE_PROFILE_D1 === '1' && id === 'd1:db');
    for (const t of targets.filter((x) => wanted(x.id))) {
      const s = await Session.open(`ws://127.0.0.1:${port}/${t.id}`);
      await s.send('Profiler.enable');
      await s.send('Profiler.setSamplingInterval', { interval: 500 });
      await s.send('Profiler.start');
      p.sessions.push({ worker: t.id.replace('core:user:', ''), s });
    }
    p.started = performance.now();
    return p;
  }

  async stop(): Promise<IsolateProfile[]> {
    const wallMs = performance.now() - this.started;
    const out: IsolateProfile[] = [];
    for (const { worker, s } of this.sessions) {
      const { profile } = await s.send<{ profile: CpuProfile }>('Profiler.stop');
      s.close();
      out.push(this.summarize(worker, profile, wallMs));
    }
    return out;
  }

  private summarize(worker: string, profile: CpuProfile, wallMs: number): IsolateProfile {
    const files = moduleIndex(this.buildDir, worker);
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const byFile = new Map<string, number>();
    const byFunction = new Map<string, number>();
    const inclusiveByFile = new Map<string, number>();
    const inclusiveByFunction = new Map<string, number>();
    const parent = new Map<number, number>();
    // BENCH_PROFILE_CALLERS=<function name>: which of our call chains lead to it.
    const callersOf = process.env.BENCH_PROFILE_CALLERS;
    const callers = new Map<string, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    // Only our bundle's lines map to source files; other scripts (workerd's and Miniflare's shims) by URL.
    const fileOf = (f: ProfileNode['callFrame']) => (!f.url ? f.functionName : bundled(f.url) ? files(f.lineNumber) : f.url.replace(/^.*\//, ''));
    let busy = 0;
    profile.samples.forEach((id, i) => {
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      const f = nodes.get(id)!.callFrame;
      if (f.functionName === '(idle)') return;
      busy += ms;
      const file = fileOf(f);
      byFile.set(file, (byFile.get(file) ?? 0) + ms);
      const fn = `${f.functionName || '(anonymous)'} ${f.url ? file : ''}`.trim();
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
      const seenFiles = new Set<string>();
      const seenFns = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const cf = nodes.get(at)!.callFrame;
        if (!cf.url) continue;
        const file = fileOf(cf);
        seenFiles.add(file);
        seenFns.add(`${cf.functionName || '(anonymous)'} ${file}`);
      }
      for (const f of seenFiles) inclusiveByFile.set(f, (inclusiveByFile.get(f) ?? 0) + ms);
      for (const f of seenFns) inclusiveByFunction.set(f, (inclusiveByFunction.get(f) ?? 0) + ms);
      if (callersOf) {
        // The chain of our own functions above the first frame named BENCH_PROFILE_CALLERS.
        let at: number | undefined = id;
        while (at !== undefined && nodes.get(at)!.callFrame.functionName !== callersOf) at = parent.get(at);
        if (at !== undefined) {
          const chain: string[] = [];
          for (let up = parent.get(at); up !== undefined && chain.length < 4; up = parent.get(up)) {
            const cf = nodes.get(up)!.callFrame;
            if (cf.url && bundled(cf.url)) chain.push(`${cf.functionName || '(anonymous)'} ${fileOf(cf)}`);
          }
          const k = chain.join(' < ');
          callers.set(k, (callers.get(k) ?? 0) + ms);
        }
      }
    });
    if (callersOf && callers.size) {
      console.log(`\n${worker}: callers of ${callersOf} (ms sampled):`);
      for (const [k, ms] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${ms.toFixed(0).padStart(7)}  ${k}`);
    }
    const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
    return { worker, busyMs: busy, wallMs, byFile: top(byFile), byFunction: top(byFunction), inclusiveByFile: top(inclusiveByFile), inclusiveByFunction: top(inclusiveByFunction) };
  }
}

const bundled = (url: string) => /^(api|scheduler|controllers)\.mjs$/.test(url.replace(/^.*\//, ''));

/** Line (0-based) of the worker's bundle → the source file it came from. */
function moduleIndex(buildDir: string, worker: string): (line: number) => string {
  const name = { 'kubeflare-api': 'api', 'kubeflare-scheduler': 'scheduler', 'kubeflare-controllers': 'controllers' }[worker] ?? worker;
  let lines: string[];
  try {
    lines = readFileSync(join(buildDir, `${name}.mjs`), 'utf8').split('\n');
  } catch {
    return () => `${name}.mjs`;
  }
  const starts: [number, string][] = [];
  lines.forEach((l, i) => {
    const m = /^\/\/ ((?:workers|agent|node_modules|local)\/\S+)$/.exec(l);
    if (m) starts.push([i, m[1].replace(/^node_modules\/(@[^/]+\/[^/]+|[^/]+)\/.*$/, 'node_modules/$1')]);
  });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let best = `${name}.mjs`;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid][0] <= line) {
        best = starts[mid][1];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  };
}
