import { describe, expect, it } from 'vitest';
import { at, pod, type PodOpts } from '../testing/builders';
import { podsToDelete, rankForDeletion } from './rank';

const now = at(100_000);

// Each case: pod `first` must be ranked for deletion before pod `second`.
const cases: { name: string; first: PodOpts; second: PodOpts }[] = [
  { name: 'an unassigned pod goes before an assigned one', first: {}, second: { node: 'n1' } },
  { name: 'a pending pod goes before an unknown one', first: { node: 'n1', phase: 'Pending' }, second: { node: 'n1', phase: 'Unknown' } },
  { name: 'an unknown pod goes before a running one', first: { node: 'n1', phase: 'Unknown' }, second: { node: 'n1', phase: 'Running' } },
  { name: 'a pod that is not ready goes before a ready one', first: { node: 'n1', phase: 'Running' }, second: { node: 'n1', readySince: 10 } },
  { name: 'a lower pod-deletion-cost goes first', first: { node: 'n1', readySince: 10, cost: -5 }, second: { node: 'n1', readySince: 10, cost: 0 } },
  { name: 'a pod ready for less time goes first', first: { node: 'n1', readySince: 90_000 }, second: { node: 'n1', readySince: 10 } },
  { name: 'with equal ready time, more restarts go first', first: { node: 'n1', readySince: 10, restarts: 5 }, second: { node: 'n1', readySince: 10, restarts: 1 } },
  { name: 'with everything else equal, the newer pod goes first', first: { node: 'n1', readySince: 10, created: 50_000 }, second: { node: 'n1', readySince: 10, created: 5 } },
];

describe('ActivePods deletion ranking', () => {
  it.each(cases)('$name', ({ first, second }) => {
    const a = pod('a', { uid: 'z-a', ...first });
    const b = pod('b', { uid: 'a-b', ...second });
    expect(rankForDeletion([b, a], now).map((p) => p.metadata.name)).toEqual(['a', 'b']);
    expect(rankForDeletion([a, b], now).map((p) => p.metadata.name)).toEqual(['a', 'b']);
  });

  it('a pod doubled up on a node with related pods goes before a lone one', () => {
    const crowded = pod('crowded', { node: 'n1', readySince: 10 });
    const lone = pod('lone', { node: 'n2', readySince: 10 });
    const sibling = pod('sibling', { node: 'n1', readySince: 10 });
    expect(rankForDeletion([lone, crowded], now, [lone, crowded, sibling]).map((p) => p.metadata.name)).toEqual(['crowded', 'lone']);
  });

  it('pods ready at nearly the same time fall in one age bucket and the uid decides', () => {
    const a = pod('a', { uid: 'uid-2', node: 'n1', readySince: 50_000 });
    const b = pod('b', { uid: 'uid-1', node: 'n1', readySince: 50_001 });
    expect(rankForDeletion([a, b], now).map((p) => p.metadata.name)).toEqual(['b', 'a']);
  });

  it('the phase outranks readiness, and readiness outranks restarts', () => {
    const pending = pod('pending', { node: 'n1', phase: 'Pending' });
    const crashy = pod('crashy', { node: 'n1', readySince: 10, restarts: 50 });
    const notReady = pod('not-ready', { node: 'n1', phase: 'Running', restarts: 0 });
    expect(rankForDeletion([crashy, notReady, pending], now).map((p) => p.metadata.name)).toEqual(['pending', 'not-ready', 'crashy']);
  });

  it('podsToDelete takes the first ones and all when asked for more', () => {
    const pods = [pod('ready', { node: 'n1', readySince: 10 }), pod('new'), pod('running', { node: 'n1', phase: 'Running' })];
    expect(podsToDelete(pods, 2, now).map((p) => p.metadata.name)).toEqual(['new', 'running']);
    expect(podsToDelete(pods, 5, now)).toHaveLength(3);
    expect(podsToDelete(pods, 0, now)).toEqual([]);
  });
});
