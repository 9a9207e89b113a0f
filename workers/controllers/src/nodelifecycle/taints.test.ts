import { describe, expect, it } from 'vitest';
import { needsLimitedNoExecute, planTaints } from './taints';
import { at, iso } from './testing';
import type { Readiness, Taint } from './types';

const U = 'node.kubernetes.io/unreachable';
const NR = 'node.kubernetes.io/not-ready';
const t = (key: string, effect: Taint['effect'], s = 0): Taint => ({ key, effect, timeAdded: iso(s) });
const other: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
const show = (ts: Taint[]) => ts.map((x) => `${x.key}:${x.effect}`);

describe('planTaints', () => {
  it.each<{ name: string; current: Taint[]; ready: Readiness; allow?: boolean; suppress?: boolean; want: string[]; pending?: boolean; changed: boolean }>([
    { name: 'healthy node, nothing to do', current: [other], ready: 'True', want: ['dedicated:NoSchedule'], changed: false },
    { name: 'Unknown: both unreachable taints when the limiter allows', current: [other], ready: 'Unknown', allow: true, want: ['dedicated:NoSchedule', `${U}:NoSchedule`, `${U}:NoExecute`], changed: true },
    { name: 'Unknown: NoSchedule only while the limiter holds NoExecute back', current: [], ready: 'Unknown', want: [`${U}:NoSchedule`], pending: true, changed: true },
    { name: 'False: not-ready taints', current: [], ready: 'False', allow: true, want: [`${NR}:NoSchedule`, `${NR}:NoExecute`], changed: true },
    { name: 'False to Unknown swaps without waiting for the limiter', current: [t(NR, 'NoSchedule'), t(NR, 'NoExecute')], ready: 'Unknown', want: [`${U}:NoSchedule`, `${U}:NoExecute`], changed: true },
    { name: 'healthy again: ours go, others stay', current: [t(U, 'NoSchedule'), other, t(U, 'NoExecute')], ready: 'True', want: ['dedicated:NoSchedule'], changed: true },
    { name: 'already tainted: unchanged', current: [t(U, 'NoSchedule'), t(U, 'NoExecute')], ready: 'Unknown', want: [`${U}:NoSchedule`, `${U}:NoExecute`], changed: false },
    { name: 'every zone down: NoExecute removed, NoSchedule kept', current: [t(U, 'NoSchedule'), t(U, 'NoExecute')], ready: 'Unknown', suppress: true, want: [`${U}:NoSchedule`], pending: true, changed: true },
    { name: 'no Ready condition posted yet: no taints', current: [], ready: undefined, want: [], changed: false },
  ])('$name', ({ current, ready, allow, suppress, want, pending, changed }) => {
    const plan = planTaints(current, ready, at(10), { allowNoExecute: allow ?? false, suppressNoExecute: suppress ?? false });
    expect(show(plan.taints)).toEqual(want);
    expect(plan.changed).toBe(changed);
    expect(plan.pending).toBe(pending ?? false);
  });

  it('stamps new taints with the time they were added and keeps existing stamps', () => {
    const plan = planTaints([t(U, 'NoSchedule', 3)], 'Unknown', at(10), { allowNoExecute: true, suppressNoExecute: false });
    expect(plan.taints.map((x) => x.timeAdded)).toEqual([iso(3), iso(10)]);
  });

  it.each<{ current: Taint[]; ready: Readiness; want: boolean }>([
    { current: [], ready: 'Unknown', want: true },
    { current: [t(NR, 'NoExecute')], ready: 'Unknown', want: false },
    { current: [t(U, 'NoSchedule')], ready: 'False', want: true },
    { current: [], ready: 'True', want: false },
  ])('needsLimitedNoExecute($ready, $current.length taints) = $want', ({ current, ready, want }) => expect(needsLimitedNoExecute(current, ready)).toBe(want));
});
