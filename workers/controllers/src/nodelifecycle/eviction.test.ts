import { describe, expect, it } from 'vitest';
import { evictionTime, planEvictions, podsToMarkNotReady, tolerates, withDefaultTolerations } from './eviction';
import { at, iso, pod } from './testing';
import type { Taint, Toleration } from './types';

const U = 'node.kubernetes.io/unreachable';
const NR = 'node.kubernetes.io/not-ready';
const unreachable: Taint[] = [
  { key: U, effect: 'NoSchedule', timeAdded: iso(0) },
  { key: U, effect: 'NoExecute', timeAdded: iso(0) },
];

describe('tolerates', () => {
  const taint: Taint = { key: 'k', value: 'v', effect: 'NoExecute' };
  it.each<{ t: Toleration; want: boolean }>([
    { t: { key: 'k', operator: 'Equal', value: 'v' }, want: true },
    { t: { key: 'k', value: 'x' }, want: false },
    { t: { key: 'k', operator: 'Exists', effect: 'NoExecute' }, want: true },
    { t: { key: 'k', operator: 'Exists', effect: 'NoSchedule' }, want: false },
    { t: { operator: 'Exists' }, want: true },
    { t: { key: 'other', operator: 'Exists' }, want: false },
  ])('$t → $want', ({ t, want }) => expect(tolerates(t, taint)).toBe(want));
});

describe('withDefaultTolerations', () => {
  it.each<{ name: string; given?: Toleration[]; want: string[] }>([
    { name: 'none: both defaults', want: [`${NR}:300`, `${U}:300`] },
    { name: 'own unreachable toleration kept, not-ready defaulted', given: [{ key: U, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 }], want: [`${U}:5`, `${NR}:300`] },
    { name: 'tolerate-everything covers both', given: [{ operator: 'Exists' }], want: [':undefined'] },
    { name: 'a NoSchedule-only toleration does not count', given: [{ key: U, operator: 'Exists', effect: 'NoSchedule' }], want: [`${U}:undefined`, `${NR}:300`, `${U}:300`] },
  ])('$name', ({ given, want }) => expect(withDefaultTolerations(given, 300).map((t) => `${t.key ?? ''}:${t.tolerationSeconds}`)).toEqual(want));
});

describe('evictionTime', () => {
  it.each<{ name: string; tolerations?: Toleration[]; taints?: Taint[]; want: number | undefined }>([
    { name: 'default toleration: 300 s after the taint', want: at(300) },
    { name: 'own tolerationSeconds', tolerations: [{ key: U, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }], want: at(30) },
    { name: 'tolerated forever', tolerations: [{ key: U, operator: 'Exists', effect: 'NoExecute' }], want: undefined },
    { name: 'zero seconds: now', tolerations: [{ key: U, operator: 'Exists', tolerationSeconds: 0 }], want: at(100) },
    { name: 'an untolerated user NoExecute taint: now', taints: [...unreachable, { key: 'maintenance', effect: 'NoExecute', timeAdded: iso(0) }], want: at(100) },
    {
      name: 'a tolerated user taint with a shorter toleration wins',
      tolerations: [{ key: 'maintenance', operator: 'Exists', tolerationSeconds: 60 }],
      taints: [...unreachable, { key: 'maintenance', effect: 'NoExecute', timeAdded: iso(0) }],
      want: at(60),
    },
    { name: 'no NoExecute taint: stays', taints: [unreachable[0]], want: undefined },
  ])('$name', ({ tolerations, taints, want }) => expect(evictionTime(pod('p', { tolerations }), taints ?? unreachable, at(100), 300)).toBe(want));
});

describe('planEvictions', () => {
  it('evicts what is due, skips pods already going, and reports the next deadline', () => {
    const pods = [
      pod('due', { tolerations: [{ key: U, operator: 'Exists', tolerationSeconds: 10 }] }),
      pod('later', { tolerations: [{ key: U, operator: 'Exists', tolerationSeconds: 50 }] }),
      pod('default'),
      pod('going', { deleting: true, tolerations: [{ key: U, operator: 'Exists', tolerationSeconds: 1 }] }),
      pod('forever', { tolerations: [{ operator: 'Exists' }] }),
    ];
    const plan = planEvictions(unreachable, pods, at(20), 300);
    expect(plan.evict.map((p) => p.metadata.name)).toEqual(['due']);
    expect(plan.nextAt).toBe(at(50));
  });

  it('nothing without NoExecute taints', () => expect(planEvictions([unreachable[0]], [pod('p')], at(1000), 300)).toEqual({ evict: [] }));
});

describe('podsToMarkNotReady', () => {
  const pods = [pod('ready', { ready: 'True' }), pod('already', { ready: 'False' }), pod('pending')];
  it.each([
    { ready: 'Unknown' as const, want: ['ready'] },
    { ready: 'False' as const, want: ['ready'] },
    { ready: 'True' as const, want: [] },
  ])('node $ready', ({ ready, want }) => expect(podsToMarkNotReady(pods, ready).map((p) => p.metadata.name)).toEqual(want));
});
