import { describe, expect, it } from 'vitest';
import { BornNamespaces, OwnCommits } from './owners';

describe('the owners of this isolate\'s revisions', () => {
  it('names each revision\'s scope as resource|namespace', () => {
    const o = new OwnCommits();
    o.note(5, 'apps/deployments', 'web');
    o.note(6, 'namespaces', '');
    expect(o.ownerOf(5)).toBe('apps/deployments|web');
    expect(o.ownerOf(6)).toBe('namespaces|');
    expect(o.ownerOf(7)).toBeUndefined();
  });

  it('forgets the oldest commits past its size', () => {
    const o = new OwnCommits(3);
    for (let r = 1; r <= 5; r++) o.note(r, 'pods', 'a');
    expect([1, 2, 3, 4, 5].map((r) => o.ownerOf(r))).toEqual([undefined, undefined, 'pods|a', 'pods|a', 'pods|a']);
  });
});

describe('the namespaces this isolate created', () => {
  it('remembers the newest creation of each, and forgets a deleted one', () => {
    const b = new BornNamespaces(2);
    b.note('a', 1);
    b.note('b', 2);
    b.note('a', 3);
    b.note('c', 4);
    expect(b.revisionOf('a')).toBe(3);
    expect(b.revisionOf('b')).toBeUndefined();
    b.forget('c');
    expect(b.revisionOf('c')).toBeUndefined();
  });
});
