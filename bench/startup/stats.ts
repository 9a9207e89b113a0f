// Small helpers the start-up bench's parts share.
export { CLK_TCK } from '../support/proc';

export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  // Nearest rank: p99 of 50 samples is the largest but none, i.e. the 50th (the worst) one.
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

export const ms = (x: number) => `${x.toFixed(0)} ms`;
