// Which pods leave a node with NoExecute taints, and when (upstream's taint manager), and which pods
// of a node that is not Ready lose their own Ready condition.
import { type Pod, type Readiness, type Taint, TAINT_NOT_READY, TAINT_UNREACHABLE, type Toleration, timeMs } from './types';

export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  return (t.operator ?? 'Equal') === 'Equal' && (t.value ?? '') === (taint.value ?? '');
}

/**
 * The pod's tolerations plus what upstream's DefaultTolerationSeconds admission would have added (our
 * API does not): `seconds` of not-ready and unreachable, unless the pod already speaks for those keys.
 */
export function withDefaultTolerations(tolerations: readonly Toleration[] | undefined, seconds: number): Toleration[] {
  const out = [...(tolerations ?? [])];
  for (const key of [TAINT_NOT_READY, TAINT_UNREACHABLE]) {
    const covered = out.some((t) => (!t.key || t.key === key) && (!t.effect || t.effect === 'NoExecute'));
    if (!covered) out.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds });
  }
  return out;
}

/**
 * When the pod must leave a node with these NoExecute taints: `now` when one is not tolerated, the
 * shortest tolerationSeconds after the taints appeared when all are, undefined to stay for good.
 */
export function evictionTime(pod: Pod, taints: readonly Taint[], now: number, defaultSeconds: number): number | undefined {
  const noExecute = taints.filter((t) => t.effect === 'NoExecute');
  if (!noExecute.length) return undefined;
  const tolerations = withDefaultTolerations(pod.spec?.tolerations, defaultSeconds);
  let seconds: number | undefined;
  for (const taint of noExecute) {
    const used = tolerations.filter((t) => tolerates(t, taint));
    if (!used.length) return now;
    for (const t of used) if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) seconds = Math.min(seconds ?? Infinity, Number(t.tolerationSeconds));
  }
  if (seconds === undefined) return undefined;
  if (seconds <= 0) return now;
  // The clock starts when the node was first tainted NoExecute.
  const since = Math.min(...noExecute.map((t) => timeMs(t.timeAdded) ?? now));
  return since + seconds * 1000;
}

export interface EvictionPlan {
  evict: Pod[];
  /** The next time a pod still tolerating the taints must go. */
  nextAt?: number;
}

export function planEvictions(taints: readonly Taint[] | undefined, pods: readonly Pod[], now: number, defaultSeconds: number): EvictionPlan {
  const plan: EvictionPlan = { evict: [] };
  if (!taints?.some((t) => t.effect === 'NoExecute')) return plan;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const at = evictionTime(pod, taints, now, defaultSeconds);
    if (at === undefined) continue;
    if (at <= now) plan.evict.push(pod);
    else plan.nextAt = Math.min(plan.nextAt ?? Infinity, at);
  }
  return plan;
}

/** Pods whose Ready condition should turn False because their node is not Ready. */
export function podsToMarkNotReady(pods: readonly Pod[], ready: Readiness): Pod[] {
  if (ready === 'True' || ready === undefined) return [];
  return pods.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status !== 'False'));
}
