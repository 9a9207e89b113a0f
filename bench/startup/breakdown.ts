// Where the agent's time goes: its "pod started" log lines (agent/src/kubelet/startup) joined with the
// bench's own clock marks (same host, same clock).
import { readFileSync } from 'node:fs';
import { STARTUP_SPANS } from '../../agent/src/kubelet/startup';
import { ms, quantile } from './stats';

export interface PodRun {
  name: string;
  /** Epoch ms of the create request and of the watch event that showed the pod Running+Ready. */
  createdAt: number;
  readyAt: number;
}

/** The agent's "pod started" log line (agent/src/kubelet/startup). */
interface StartedLine {
  pod: string;
  totalMs: number;
  readyMs: number;
  seenAt: number;
  writtenAt: number;
  spans: Record<string, number>;
}

function startedLines(logPath: string): Map<string, StartedLine> {
  const out = new Map<string, StartedLine>();
  for (const line of readFileSync(logPath, 'utf8').split('\n')) {
    if (!line.includes('"pod started"')) continue;
    try {
      const l = JSON.parse(line) as StartedLine & { msg: string };
      if (l.msg === 'pod started') out.set(l.pod, l);
    } catch {
      /* not a log line */
    }
  }
  return out;
}

/** p50/p99 of each step of the agent's side, and the clock gaps around it. */
export function breakdown(logPath: string, runs: PodRun[]): string[] {
  const lines = startedLines(logPath);
  const joined = runs.map((r) => ({ r, l: lines.get(`default/${r.name}`) })).filter((x): x is { r: (typeof runs)[number]; l: StartedLine } => !!x.l);
  if (!joined.length) return ['  agent breakdown: no "pod started" lines in the agent log'];
  const p50 = (xs: number[]) => ms(quantile(xs, 0.5));
  const p99 = (xs: number[]) => ms(quantile(xs, 0.99));
  const row = (label: string, xs: number[]) => `    ${label.padEnd(44)} p50 ${p50(xs).padStart(7)}   p99 ${p99(xs).padStart(7)}`;
  const out = [`  agent breakdown (${joined.length} pods; the agent's "pod started" log lines)`];
  out.push(row('create → agent sees the pod (scheduler + watch)', joined.map(({ r, l }) => l.seenAt - r.createdAt)));
  for (const span of STARTUP_SPANS) {
    const xs = joined.map(({ l }) => l.spans[span] ?? 0);
    if (xs.some((x) => x > 0)) out.push(row(`  ${span}`, xs));
  }
  out.push(row('seen → Ready status handed to the writer', joined.map(({ l }) => l.readyMs)));
  out.push(row('seen → Ready status written', joined.map(({ l }) => l.totalMs)));
  out.push(row('written → Ready seen on the bench watch', joined.map(({ r, l }) => r.readyAt - l.writtenAt)));
  return out;
}
