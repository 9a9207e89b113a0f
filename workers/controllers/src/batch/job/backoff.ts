// Delay before replacing failed pods: upstream's exponential back-off from the last failure
// (10 s, doubling per failure since the last success, at most 6 minutes), recomputed from the pods
// so it survives a controller restart.
import { timeMs } from '../../controllers/common/time';
import type { Pod } from './types';

export interface BackoffSettings {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 10_000, maxMs: 360_000 };

/** When the pod finished: its containers' latest finishedAt, else its deletion or start time. */
export function finishedAt(p: Pod): number | undefined {
  let latest: number | undefined;
  for (const cs of [...(p.status?.containerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])]) {
    const t = timeMs(cs.state?.terminated?.finishedAt);
    if (t !== undefined && (latest === undefined || t > latest)) latest = t;
  }
  return latest ?? timeMs(p.metadata.deletionTimestamp) ?? timeMs(p.status?.startTime) ?? timeMs(p.metadata.creationTimestamp);
}

/** Milliseconds to wait before creating replacements (0 when none), given the job's failed and succeeded pods. */
export function remainingBackoffMs(failed: Pod[], succeeded: Pod[], now: Date, s: BackoffSettings = DEFAULT_BACKOFF): number {
  const lastSuccess = Math.max(-Infinity, ...succeeded.map((p) => finishedAt(p) ?? -Infinity));
  const times = failed.map(finishedAt).filter((t): t is number => t !== undefined && t > lastSuccess);
  if (!times.length) return 0;
  const delay = Math.min(s.maxMs, s.baseMs * 2 ** (times.length - 1));
  return Math.max(0, Math.max(...times) + delay - now.getTime());
}
