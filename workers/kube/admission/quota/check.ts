// The verdicts of quota admission with upstream's messages: a pod missing requests/limits a compute
// quota needs ("failed quota"), and a request that would take usage over a hard limit ("exceeded quota").
import type { QuantityFormat } from '../../quantity';
import { q, type ResourceList } from '../limitrange/resources';
import { formatAmount } from './amounts';
import { computeUsage, type PodLike, type Usage } from './usage';

/** Resources a compute quota forces every container to state (upstream's validationSet). */
const VALIDATION_SET = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];

const parsed = (l: ResourceList | undefined) => Object.fromEntries(Object.entries(l ?? {}).map(([k, v]) => [k, q(v)]));

/** "must specify limits.cpu for: a,b; requests.memory for: a", or undefined when every container complies. */
export function missingCompute(hardNames: string[], pod: PodLike): string | undefined {
  const required = VALIDATION_SET.filter((r) => hardNames.includes(r));
  if (!required.length) return undefined;
  const missing = new Map<string, Set<string>>();
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const has = computeUsage(parsed(c.resources?.requests), parsed(c.resources?.limits));
    for (const r of required) if (has[r] === undefined) (missing.get(r) ?? missing.set(r, new Set()).get(r)!).add(c.name);
  }
  if (!missing.size) return undefined;
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

export interface QuotaUsageState {
  name: string;
  hard: Usage;
  used: Usage;
  /** The notation of each hard value, to print amounts alike. */
  formats: Record<string, QuantityFormat>;
}

/** What a new object charges this quota: its usage of the quota's hard resources, zeros left out. */
export function chargeFor(hardNames: string[], usage: Usage): Usage {
  const out: Usage = {};
  for (const r of hardNames) if (usage[r]) out[r] = usage[r];
  return out;
}

const pretty = (state: QuotaUsageState, l: Usage) =>
  Object.keys(l)
    .sort()
    .map((r) => `${r}=${formatAmount(r, l[r], state.formats[r])}`)
    .join(',');

/** "exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2", or undefined when it fits. */
export function exceededMessage(state: QuotaUsageState, charge: Usage): string | undefined {
  const requested: Usage = {};
  const used: Usage = {};
  const hard: Usage = {};
  for (const [r, d] of Object.entries(charge)) {
    if (d <= 0 || state.hard[r] === undefined) continue;
    const u = state.used[r] ?? 0;
    if (u + d > state.hard[r]) {
      requested[r] = d;
      used[r] = u;
      hard[r] = state.hard[r];
    }
  }
  if (!Object.keys(requested).length) return undefined;
  return `exceeded quota: ${state.name}, requested: ${pretty(state, requested)}, used: ${pretty(state, used)}, limited: ${pretty(state, hard)}`;
}
