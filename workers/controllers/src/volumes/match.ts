// Which PersistentVolume a claim binds to (upstream's findMatchingVolume): one already reserved for it
// by claimRef, else the smallest Available volume of the same class and volume mode whose access
// modes include the claim's, whose capacity covers the request and whose labels the selector matches.
import { compareQuantity, parseQuantity } from '../../../kube/quantity';
import { selectorMatches } from '../../../kube/resources/apps/common/selector';
import type { Claim, Volume } from './types';

export const classOf = (c: Claim) => c.spec?.storageClassName ?? '';

function storage(v: string | undefined) {
  return parseQuantity(v ?? '0') ?? parseQuantity('0')!;
}

function reservedFor(v: Volume, c: Claim): boolean {
  const ref = v.spec?.claimRef;
  return !!ref && ref.namespace === c.metadata.namespace && ref.name === c.metadata.name && (!ref.uid || ref.uid === c.metadata.uid);
}

export function volumeFits(v: Volume, c: Claim): boolean {
  if ((v.spec?.storageClassName ?? '') !== classOf(c)) return false;
  if ((v.spec?.volumeMode ?? 'Filesystem') !== (c.spec?.volumeMode ?? 'Filesystem')) return false;
  const modes = new Set(v.spec?.accessModes ?? []);
  if (!(c.spec?.accessModes ?? []).every((m) => modes.has(m))) return false;
  if (compareQuantity(storage(v.spec?.capacity?.storage), storage(c.spec?.resources?.requests?.storage)) < 0) return false;
  if (c.spec?.selector && !selectorMatches(c.spec.selector as never, v.metadata.labels)) return false;
  return true;
}

export function findVolume(c: Claim, volumes: Volume[]): Volume | undefined {
  const reserved = volumes.find((v) => reservedFor(v, c) && !v.metadata.deletionTimestamp);
  if (reserved) return reserved;
  const free = volumes.filter((v) => !v.spec?.claimRef && (v.status?.phase ?? 'Available') === 'Available' && !v.metadata.deletionTimestamp && volumeFits(v, c));
  free.sort((a, b) => compareQuantity(storage(a.spec?.capacity?.storage), storage(b.spec?.capacity?.storage)) || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  return free[0];
}
