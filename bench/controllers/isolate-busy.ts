// Where each workerd isolate spends its samples, including Miniflare's own (the D1 database object, the
// entry worker), which bench/scheduler/profile.ts leaves out: V8 CPU samples over a window, split into
// JavaScript, (program) and garbage collection, with the top functions. V8 counts an isolate busy unless
// the embedder says it is idle, and workerd's isolates share one thread, so the totals of different
// isolates overlap (they add up to more than the wall time): compare functions within an isolate only.
import WebSocket from 'ws';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface IsolateBusy {
  target: string;
  wallMs: number;
  jsMs: number;
  programMs: number;
  gcMs: number;
  /** Self time by function, most first (top 8). */
  top: [string, number][];
}

function session(url: string) {
  const ws = new WebSocket(url);
  let next = 1;
  const pending = new Map<number, (r: unknown) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.result);
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const send = <T>(method: string, params: Record<string, unknown> = {}) =>
    new Promise<T>((resolve) => {
      const id = next++;
      pending.set(id, resolve as (r: unknown) => void);
      ws.send(JSON.stringify({ id, method, params }));
    });
  return { opened, send, close: () => ws.close() };
}

/** Starts sampling every target whose id matches `pick`; the returned function stops and summarizes. */
export async function sampleIsolates(port: number, pick: (id: string) => boolean): Promise<() => Promise<IsolateBusy[]>> {
  const targets = ((await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { id: string }[]).filter((t) => pick(t.id));
  const sessions: { target: string; s: ReturnType<typeof session> }[] = [];
  for (const t of targets) {
    const s = session(`ws://127.0.0.1:${port}/${t.id}`);
    await s.opened;
    await s.send('Profiler.enable');
    await s.send('Profiler.setSamplingInterval', { interval: 1000 });
    await s.send('Profiler.start');
    sessions.push({ target: t.id, s });
  }
  const started = performance.now();
  return async () => {
    const wallMs = performance.now() - started;
    const out: IsolateBusy[] = [];
    for (const { target, s } of sessions) {
      const { profile } = await s.send<{ profile: CpuProfile }>('Profiler.stop');
      s.close();
      const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
      const r: IsolateBusy = { target, wallMs, jsMs: 0, programMs: 0, gcMs: 0, top: [] };
      const byFn = new Map<string, number>();
      profile.samples.forEach((id, i) => {
        const ms = (profile.timeDeltas[i] ?? 0) / 1000;
        const f = nodes.get(id)!;
        if (f.functionName === '(idle)') return;
        if (f.functionName === '(program)') r.programMs += ms;
        else if (f.functionName === '(garbage collector)') r.gcMs += ms;
        else {
          r.jsMs += ms;
          const name = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\//, '')}`;
          byFn.set(name, (byFn.get(name) ?? 0) + ms);
        }
      });
      r.top = [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 8);
      out.push(r);
    }
    return out;
  };
}
