// Choosing among nodes where preemption works, by upstream's criteria in order: fewest PDB violations,
// lowest highest-victim priority, lowest priority sum, fewest victims, latest-started top victims.
import type { PodInfo } from '../../framework/pod-info';
import type { NodeVictims } from './victims';

export interface Candidate extends NodeVictims {
  node: string;
}

const INT32_OFFSET = 2 ** 31; // upstream adds MaxInt32+1 so negative priorities still sum sensibly

function earliestTopStart(victims: readonly PodInfo[]): number {
  const top = victims[0].priority;
  let earliest = Infinity;
  for (const v of victims) if (v.priority === top && v.startTime < earliest) earliest = v.startTime;
  return earliest;
}

function narrow(cands: Candidate[], key: (c: Candidate) => number, prefer: 'min' | 'max'): Candidate[] {
  let best = prefer === 'min' ? Infinity : -Infinity;
  let out: Candidate[] = [];
  for (const c of cands) {
    const k = key(c);
    if (k === best) out.push(c);
    else if (prefer === 'min' ? k < best : k > best) {
      best = k;
      out = [c];
    }
  }
  return out;
}

export function pickOneNode(cands: Candidate[]): Candidate | undefined {
  if (cands.length === 0) return undefined;
  let c = narrow(cands, (x) => x.numPDBViolations, 'min');
  // Victims are sorted most important first, so victims[0] holds the highest priority.
  if (c.length > 1) c = narrow(c, (x) => (x.victims.length ? x.victims[0].priority : -Infinity), 'min');
  if (c.length > 1) c = narrow(c, (x) => x.victims.reduce((s, v) => s + v.priority + INT32_OFFSET, 0), 'min');
  if (c.length > 1) c = narrow(c, (x) => x.victims.length, 'min');
  if (c.length > 1) c = narrow(c, (x) => (x.victims.length ? earliestTopStart(x.victims) : Infinity), 'max');
  return c[0];
}
