// The taints that follow a node's Ready condition: not-ready for False, unreachable for Unknown, each
// as NoSchedule (keeps new pods off) and NoExecute (evicts running pods, see eviction.ts). Adding a
// NoExecute taint is what the zone limiter meters; everything else happens at once.
import { type Readiness, type Taint, TAINT_NOT_READY, TAINT_UNREACHABLE, timestamp } from './types';

const OURS = [TAINT_NOT_READY, TAINT_UNREACHABLE];

/** The taint key a readiness calls for, if any. */
export function readinessTaintKey(ready: Readiness): string | undefined {
  if (ready === 'False') return TAINT_NOT_READY;
  if (ready === 'Unknown') return TAINT_UNREACHABLE;
  return undefined;
}

const has = (taints: readonly Taint[], key: string, effect: Taint['effect']) => taints.some((t) => t.key === key && t.effect === effect);

/**
 * True when the node needs a new NoExecute readiness taint that only the zone limiter may grant: it has
 * none yet. Swapping not-ready for unreachable (or back) does not wait, the node was already evicting.
 */
export function needsLimitedNoExecute(taints: readonly Taint[], ready: Readiness): boolean {
  const key = readinessTaintKey(ready);
  return key !== undefined && !OURS.some((k) => has(taints, k, 'NoExecute'));
}

export interface TaintOptions {
  /** The zone limiter granted a new NoExecute taint. */
  allowNoExecute: boolean;
  /** Every zone is fully disrupted (more likely our fault than the nodes'): no NoExecute taints at all. */
  suppressNoExecute: boolean;
}

export interface TaintPlan {
  taints: Taint[];
  changed: boolean;
  /** A NoExecute taint is due but was not granted (or is suppressed). */
  pending: boolean;
}

export function planTaints(current: readonly Taint[], ready: Readiness, now: number, opts: TaintOptions): TaintPlan {
  const key = readinessTaintKey(ready);
  const hadNoExecute = OURS.some((k) => has(current, k, 'NoExecute'));
  // Our readiness taints that no longer fit go; anyone else's taints stay untouched, in order.
  const next = current.filter((t) => !OURS.includes(t.key) || (t.key === key && !(t.effect === 'NoExecute' && opts.suppressNoExecute)));
  let pending = false;
  if (key) {
    if (!has(next, key, 'NoSchedule')) next.push({ key, effect: 'NoSchedule', timeAdded: timestamp(now) });
    if (!has(next, key, 'NoExecute')) {
      if (!opts.suppressNoExecute && (hadNoExecute || opts.allowNoExecute)) next.push({ key, effect: 'NoExecute', timeAdded: timestamp(now) });
      else pending = true;
    }
  }
  const changed = next.length !== current.length || next.some((t, i) => t !== current[i]);
  return { taints: next, changed, pending };
}

export const noExecuteTaints = (taints: readonly Taint[] | undefined) => (taints ?? []).filter((t) => t.effect === 'NoExecute');
