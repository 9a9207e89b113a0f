// The HPA's status as written: conditions keep their lastTransitionTime while unchanged, and a status
// equal to the stored one (timestamps aside) is not written again.
import { deepEqual } from '../../../kube/json';
import type { Condition } from './decide';

export interface HpaStatus {
  observedGeneration?: number;
  lastScaleTime?: string;
  currentReplicas?: number;
  desiredReplicas?: number;
  currentMetrics?: unknown[];
  conditions?: (Condition & { lastTransitionTime?: string })[];
}

const ORDER = ['AbleToScale', 'ScalingActive', 'ScalingLimited'];

export function withTransitions(next: Condition[], old: HpaStatus['conditions'], now: string): NonNullable<HpaStatus['conditions']> {
  return [...next]
    .sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type))
    .map((c) => {
      const prev = old?.find((o) => o.type === c.type);
      return { ...c, lastTransitionTime: prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : now };
    });
}

export function sameStatus(a: HpaStatus | undefined, b: HpaStatus): boolean {
  return deepEqual(normalized(a ?? {}), normalized(b));
}

function normalized(s: HpaStatus) {
  return { ...s, conditions: (s.conditions ?? []).map(({ lastTransitionTime: _t, ...c }) => c), currentMetrics: s.currentMetrics ?? [] };
}
