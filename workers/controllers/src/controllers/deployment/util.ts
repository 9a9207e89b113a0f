// Small shared helpers: replica sums, orderings and the surge/unavailable fenceposts.
import { intOrPercentValue } from '../../../../kube/resources/apps/common/checks';
import { timeMs } from '../common/time';
import type { Deployment, ReplicaSet } from '../common/types';
import { revisionOf } from './revision';

export const specReplicas = (rs: ReplicaSet): number => rs.spec?.replicas ?? 1;
export const desiredReplicas = (d: Deployment): number => d.spec?.replicas ?? 1;

export function sumSpec(list: ReplicaSet[]): number {
  return list.reduce((n, rs) => n + specReplicas(rs), 0);
}

/** Sums a status counter over ReplicaSets. */
export function sumStatus(list: ReplicaSet[], key: 'replicas' | 'readyReplicas' | 'availableReplicas'): number {
  return list.reduce((n, rs) => n + (rs.status?.[key] ?? 0), 0);
}

export const isActive = (rs: ReplicaSet) => specReplicas(rs) > 0;

const created = (rs: ReplicaSet) => timeMs(rs.metadata.creationTimestamp) ?? 0;
const byName = (a: ReplicaSet, b: ReplicaSet) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');

/** Oldest first; the name breaks ties so the order is stable. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  return created(a) - created(b) || byName(a, b);
}

/** Larger first; among equals, newer first (where proportional scaling puts additions). */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  return specReplicas(b) - specReplicas(a) || created(b) - created(a) || byName(b, a);
}

/** Larger first; among equals, older first (where proportional scaling takes removals). */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  return specReplicas(b) - specReplicas(a) || byCreation(a, b);
}

export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  return revisionOf(a) - revisionOf(b) || byCreation(a, b);
}

/** An int-or-percent of `total`; percentages round up for surge and down for unavailability. */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const pct = intOrPercentValue(v);
  const exact = (pct * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** maxSurge and maxUnavailable for the current size; both zero would deadlock, so unavailable becomes 1. */
export function fenceposts(d: Deployment): { maxSurge: number; maxUnavailable: number } {
  const ru = d.spec?.strategy?.rollingUpdate;
  const n = desiredReplicas(d);
  const maxSurge = scaledValue(ru?.maxSurge ?? '25%', n, true);
  let maxUnavailable = scaledValue(ru?.maxUnavailable ?? '25%', n, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

export const isRollingUpdate = (d: Deployment) => (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

/** Surge allowed by the strategy (none for Recreate). */
export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? fenceposts(d).maxSurge : 0;
}

/** Unavailability allowed by the strategy (none for Recreate), never more than the desired size. */
export function maxUnavailable(d: Deployment): number {
  const n = desiredReplicas(d);
  if (!isRollingUpdate(d) || n === 0) return 0;
  return Math.min(fenceposts(d).maxUnavailable, n);
}

/** No deadline when unset or set to the largest int32 (upstream's "never"). */
export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec?.progressDeadlineSeconds;
  return s !== undefined && s !== 2147483647;
}
