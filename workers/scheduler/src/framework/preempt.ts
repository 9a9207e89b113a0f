// Preemption as one pure call: where would this pod go, and whom would it evict?
import type { Registry } from './interfaces';
import { defaultProfile, type Profile } from './profile';
import type { Rng } from './rng';
import { scheduleOne } from './schedule-one';
import type { Snapshot } from './snapshot';
import type { DisruptionBudget, Pod } from './types';

export type PreemptResult = { fits: string } | { node: string; victims: Pod[] } | { none: string };

export function preempt(
  pod: Pod,
  snapshot: Snapshot,
  opts: { profile?: Profile; pdbs?: readonly DisruptionBudget[]; rng?: Rng; registry?: Registry } = {},
): PreemptResult {
  const r = scheduleOne(pod, snapshot, opts.profile ?? defaultProfile(), { ...opts, assume: false });
  if ('node' in r) return { fits: r.node };
  if ('skipped' in r) return { none: r.skipped };
  const d = r.unschedulable;
  if (d.nominatedNodeName) return { node: d.nominatedNodeName, victims: (d.victims ?? []) as Pod[] };
  return { none: d.message };
}
