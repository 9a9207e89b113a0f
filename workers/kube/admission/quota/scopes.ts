// Quota scopes (spec.scopes and spec.scopeSelector) decide which pods a quota tracks; a scoped quota
// tracks pods only, as upstream's pod evaluator is the only one that matches scopes.
import { qosClass } from '../../resources/core/pod/qos';
import type { PodLike } from './usage';

export interface ScopeRequirement {
  scopeName: string;
  operator: string;
  values?: string[];
}

export interface QuotaSpec {
  hard?: Record<string, string | number>;
  scopes?: string[];
  scopeSelector?: { matchExpressions?: ScopeRequirement[] };
}

export function requirementsOf(spec: QuotaSpec | undefined): ScopeRequirement[] {
  return [...(spec?.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' })), ...(spec?.scopeSelector?.matchExpressions ?? [])];
}

const isTerminating = (pod: PodLike) => pod.spec?.activeDeadlineSeconds !== undefined && pod.spec.activeDeadlineSeconds !== null && pod.spec.activeDeadlineSeconds >= 0;
const isBestEffort = (pod: PodLike) => qosClass((pod.spec ?? { containers: [] }) as never) === 'BestEffort';

function podMatches(pod: PodLike, r: ScopeRequirement): boolean {
  switch (r.scopeName) {
    case 'Terminating':
      return isTerminating(pod);
    case 'NotTerminating':
      return !isTerminating(pod);
    case 'BestEffort':
      return isBestEffort(pod);
    case 'NotBestEffort':
      return !isBestEffort(pod);
    case 'PriorityClass': {
      const pc = pod.spec?.priorityClassName ?? '';
      if (r.operator === 'Exists') return pc !== '';
      if (r.operator === 'DoesNotExist') return pc === '';
      if (r.operator === 'In') return (r.values ?? []).includes(pc);
      if (r.operator === 'NotIn') return !(r.values ?? []).includes(pc);
      return false;
    }
    default:
      return false;
  }
}

/** Whether a quota with these scope requirements tracks the object. */
export function matchesScopes(requirements: ScopeRequirement[], plural: string, group: string, obj: unknown): boolean {
  if (!requirements.length) return true;
  if (group !== '' || plural !== 'pods') return false;
  return requirements.every((r) => podMatches(obj as PodLike, r));
}
