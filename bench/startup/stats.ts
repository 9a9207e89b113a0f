// Small helpers the start-up bench's parts share.
import { spawnSync } from 'node:child_process';

/** Clock ticks per second of /proc/<pid>/stat times. */
export const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  // Nearest rank: p99 of 50 samples is the largest but none, i.e. the 50th (the worst) one.
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

export const ms = (x: number) => `${x.toFixed(0)} ms`;
