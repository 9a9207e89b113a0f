// PodDisruptionBudget arithmetic shared by the disruption controller (which writes the status) and the
// eviction subresource (which spends it), as upstream's disruption controller and eviction REST do.
import type { KObject } from '../registry/types';
import { intOrPercentValue } from '../resources/apps/common/checks';
import { selectorMatches } from '../resources/apps/common/selector';
import type { LabelSelector } from '../schemas/meta';

/** An eviction the API allowed but the pod is not yet marked deleted: it counts as disrupted this long. */
export const DISRUPTED_POD_TIMEOUT_MS = 2 * 60_000;
/** Upstream refuses evictions while this many are unconfirmed. */
export const MAX_DISRUPTED_PODS = 2000;

export interface BudgetPod extends KObject {
  status?: { phase?: string; conditions?: { type: string; status: string }[] } & Record<string, unknown>;
}

export interface Budget extends KObject {
  spec?: { minAvailable?: number | string; maxUnavailable?: number | string; selector?: LabelSelector; unhealthyPodEvictionPolicy?: string };
  status?: BudgetStatus;
}

export interface BudgetStatus {
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
  disruptionsAllowed?: number;
  currentHealthy?: number;
  desiredHealthy?: number;
  expectedPods?: number;
  conditions?: { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string; observedGeneration?: number }[];
}

/** Pods of the budget's namespace its selector covers (an empty selector covers all; none covers none). */
export function coveredPods<P extends BudgetPod>(pdb: Budget, pods: P[]): P[] {
  return pods.filter((p) => p.metadata.namespace === pdb.metadata.namespace && selectorMatches(pdb.spec?.selector, p.metadata.labels));
}

export function isReady(pod: BudgetPod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Scaled int-or-percent, rounding up as upstream does for budgets. */
function scaled(v: number | string, total: number): number {
  return typeof v === 'number' ? v : Math.ceil((intOrPercentValue(v) * total) / 100);
}

/** Whether the expected count must come from the pods' controllers (percentages and maxUnavailable). */
export function needsControllerScale(pdb: Budget): boolean {
  const s = pdb.spec ?? {};
  return s.maxUnavailable !== undefined || typeof s.minAvailable === 'string';
}

/** expectedPods and desiredHealthy. `controllerScale` is the sum of the pods' controllers' replicas. */
export function expectedAndDesired(pdb: Budget, pods: BudgetPod[], controllerScale: number | undefined): { expected: number; desired: number } | { error: string } {
  const s = pdb.spec ?? {};
  if (s.maxUnavailable !== undefined) {
    if (controllerScale === undefined) return { error: 'found no controllers for the covered pods' };
    return { expected: controllerScale, desired: Math.max(0, controllerScale - scaled(s.maxUnavailable, controllerScale)) };
  }
  if (typeof s.minAvailable === 'number') return { expected: pods.length, desired: s.minAvailable };
  if (typeof s.minAvailable === 'string') {
    if (controllerScale === undefined) return { error: 'found no controllers for the covered pods' };
    return { expected: controllerScale, desired: scaled(s.minAvailable, controllerScale) };
  }
  // Neither set: nothing is required (upstream treats this as minAvailable 0... after defaulting).
  return { expected: pods.length, desired: 0 };
}

/** Drops entries for pods that are gone or already deleting, and entries older than the timeout. */
export function liveDisruptedPods(disrupted: Record<string, string> | undefined, pods: BudgetPod[], now: number): Record<string, string> {
  const byName = new Map(pods.map((p) => [p.metadata.name, p]));
  const out: Record<string, string> = {};
  for (const [name, at] of Object.entries(disrupted ?? {})) {
    const pod = byName.get(name);
    if (!pod || pod.metadata.deletionTimestamp) continue;
    const t = Date.parse(at);
    if (!Number.isFinite(t) || t + DISRUPTED_POD_TIMEOUT_MS < now) continue;
    out[name] = at;
  }
  return out;
}

/** Healthy = ready, not deleting, and not an eviction in flight. */
export function countHealthy(pods: BudgetPod[], disrupted: Record<string, string>): number {
  return pods.filter((p) => !p.metadata.deletionTimestamp && !Object.hasOwn(disrupted, p.metadata.name ?? '') && isReady(p)).length;
}

function condition(pdb: Budget, status: 'True' | 'False', reason: string, message: string, now: number) {
  const prev = pdb.status?.conditions?.find((c) => c.type === 'DisruptionAllowed');
  const lastTransitionTime = prev && prev.status === status && prev.lastTransitionTime ? prev.lastTransitionTime : new Date(now).toISOString().replace(/\.\d+Z$/, 'Z');
  return { type: 'DisruptionAllowed', status, reason, message, observedGeneration: pdb.metadata.generation, lastTransitionTime };
}

/** The status the disruption controller writes for `pdb` given its covered pods. */
export function budgetStatus(pdb: Budget, pods: BudgetPod[], controllerScale: number | undefined, now: number): BudgetStatus {
  const disrupted = liveDisruptedPods(pdb.status?.disruptedPods, pods, now);
  const currentHealthy = countHealthy(pods, disrupted);
  const ed = expectedAndDesired(pdb, pods, controllerScale);
  const base = { observedGeneration: pdb.metadata.generation, currentHealthy };
  if ('error' in ed) {
    // Fail safe, as upstream: no disruption is allowed while the budget cannot be computed.
    return { ...base, disruptedPods: disrupted, disruptionsAllowed: 0, desiredHealthy: 0, expectedPods: 0, conditions: [condition(pdb, 'False', 'SyncFailed', ed.error, now)] };
  }
  const allowed = Math.max(0, currentHealthy - ed.desired);
  const cond = allowed > 0 ? condition(pdb, 'True', 'SufficientPods', '', now) : condition(pdb, 'False', 'InsufficientPods', '', now);
  return { ...base, disruptedPods: disrupted, disruptionsAllowed: allowed, desiredHealthy: ed.desired, expectedPods: ed.expected, conditions: [cond] };
}
