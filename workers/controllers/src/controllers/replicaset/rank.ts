// Which pods a ReplicaSet removes first when it has too many: the ones whose loss hurts least.
// Earlier in the order = deleted sooner. The tie-breakers follow upstream's ActivePods ranking.
import { isPodActive, isPodReady, maxRestarts, podReadySince } from '../common/pods';
import { timeMs } from '../common/time';
import type { Pod } from '../common/types';

export const DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(pod: Pod): number {
  const v = pod.metadata.annotations?.[DELETION_COST_ANNOTATION];
  if (v === undefined || !/^[+-]?\d+$/.test(v.trim())) return 0;
  const n = Number(v);
  return n >= -(2 ** 31) && n < 2 ** 31 ? n : 0;
}

/**
 * Ages compare in powers of two (in nanoseconds, as upstream's LogarithmicScaleDown) so pods that came
 * up at roughly the same time count as equally old and the uid decides, spreading deletions randomly.
 */
function ageBucket(t: number, now: number): number {
  const d = (now - t) * 1e6;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

/** Negative when `a` should go first; a missing time counts as the newest. */
function compareTimes(a: number | undefined, b: number | undefined, now: number | undefined, ua: string, ub: string): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  if (now === undefined) return b - a;
  const diff = ageBucket(a, now) - ageBucket(b, now);
  if (diff !== 0) return diff;
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

interface Ranked {
  pod: Pod;
  /** How many related pods share its node: doubled-up pods go first. */
  colocated: number;
}

function compare(x: Ranked, y: Ranked, now: number | undefined): number {
  const a = x.pod;
  const b = y.pod;
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;
  const pa = PHASE_ORDER[a.status?.phase ?? ''] ?? 0;
  const pb = PHASE_ORDER[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  const ca = deletionCost(a);
  const cb = deletionCost(b);
  if (ca !== cb) return ca - cb;
  if (x.colocated !== y.colocated) return y.colocated - x.colocated;
  const ua = a.metadata.uid ?? '';
  const ub = b.metadata.uid ?? '';
  if (ra && rb) {
    const t = compareTimes(podReadySince(a), podReadySince(b), now, ua, ub);
    if (t !== 0) return t;
  }
  const restarts = maxRestarts(b) - maxRestarts(a);
  if (restarts !== 0) return restarts;
  return compareTimes(timeMs(a.metadata.creationTimestamp), timeMs(b.metadata.creationTimestamp), now, ua, ub);
}

/**
 * `pods` ordered from first to delete to last. `related` are the pods of the whole family (the
 * ReplicaSet's siblings under the same Deployment included); they default to `pods`.
 */
export function rankForDeletion(pods: Pod[], now?: Date, related: Pod[] = pods): Pod[] {
  const perNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const node = p.spec?.nodeName ?? '';
    perNode.set(node, (perNode.get(node) ?? 0) + 1);
  }
  const ranked = pods.map((pod) => ({ pod, colocated: perNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
  const nowMs = now?.getTime();
  return ranked.sort((x, y) => compare(x, y, nowMs)).map((r) => r.pod);
}

/** The `count` pods to delete. */
export function podsToDelete(pods: Pod[], count: number, now?: Date, related?: Pod[]): Pod[] {
  if (count <= 0) return [];
  if (count >= pods.length) return [...pods];
  return rankForDeletion(pods, now, related).slice(0, count);
}
