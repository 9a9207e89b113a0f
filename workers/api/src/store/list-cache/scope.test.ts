import { describe, expect, it } from 'vitest';
import type { StoredRow } from '../types';
import { Scope, type ScopeChange } from './scope';

const row = (namespace: string, name: string, rv: number): StoredRow => ({ namespace, name, rv, json: `{"n":"${name}","rv":${rv}}`, labels: '{}', fields: '{}' });
const change = (type: ScopeChange['type'], namespace: string, name: string, revision: number): ScopeChange => ({ type, namespace, name, revision, json: `{"n":"${name}","rv":${revision}}`, labels: '{}', fields: '{}' });
const names = (s: Scope, after?: { namespace: string; name: string }) => {
  const { rows, start } = s.rowsFrom(after);
  return rows.slice(start).map((r) => `${r.namespace}/${r.name}@${r.rv}`);
};

describe('a cached list scope', () => {
  it('serves its rows in (namespace, name) order, as the SQL index does', () => {
    const s = new Scope(5, [row('b', 'x', 1), row('a', 'z', 2), row('a', 'b', 3), row('b', 'a', 4)]);
    expect(names(s)).toEqual(['a/b@3', 'a/z@2', 'b/a@4', 'b/x@1']);
  });

  it('starts a continued page after the token position, even when that object is gone', () => {
    const s = new Scope(5, [row('a', 'a', 1), row('a', 'c', 2), row('b', 'a', 3)]);
    expect(names(s, { namespace: 'a', name: 'a' })).toEqual(['a/c@2', 'b/a@3']);
    expect(names(s, { namespace: 'a', name: 'b' })).toEqual(['a/c@2', 'b/a@3']);
    expect(names(s, { namespace: 'b', name: 'a' })).toEqual([]);
  });

  it('applies adds, updates and deletes in revision order and stands at the revision read', () => {
    const s = new Scope(10, [row('a', 'one', 3), row('a', 'two', 4)]);
    names(s); // sorted once, so the update below must keep the order by swapping in place
    s.advance([change('MODIFIED', 'a', 'one', 11), change('ADDED', 'a', 'aaa', 12), change('DELETED', 'a', 'two', 13)], 20);
    expect(s.revision).toBe(20);
    expect(names(s)).toEqual(['a/aaa@12', 'a/one@11']);
  });

  it('skips changes it already has and never moves back', () => {
    const s = new Scope(12, [row('a', 'one', 11)]);
    s.advance([change('DELETED', 'a', 'one', 11), change('MODIFIED', 'a', 'one', 12)], 12);
    expect(names(s)).toEqual(['a/one@11']);
    s.advance([change('MODIFIED', 'a', 'one', 13)], 9);
    expect(s.revision).toBe(12);
    expect(names(s)).toEqual(['a/one@11']);
  });

  it('counts the bytes it holds as rows come and go', () => {
    const s = new Scope(1, []);
    s.advance([change('ADDED', 'a', 'x', 2)], 2);
    const one = s.bytes;
    expect(one).toBeGreaterThan(0);
    s.advance([change('MODIFIED', 'a', 'x', 3)], 3);
    expect(s.bytes).toBe(one);
    s.advance([change('DELETED', 'a', 'x', 4)], 4);
    expect(s.bytes).toBe(0);
    expect(s.size).toBe(0);
  });

  describe('fed with this isolate\'s own commits', () => {
    const owners = (m: Record<number, string>) => ({ ownerOf: (r: number) => m[r] });
    const pods = (owner: string) => owner === 'pods|a';

    it('moves over other resources\' revisions and applies its own held changes in order', () => {
      const s = new Scope(10, [row('a', 'one', 3)]);
      s.hold(change('ADDED', 'a', 'two', 12));
      s.hold(change('MODIFIED', 'a', 'one', 14));
      s.feed(owners({ 11: 'configmaps|a', 12: 'pods|a', 13: 'pods|b', 14: 'pods|a' }), pods);
      expect(s.revision).toBe(14);
      expect(names(s)).toEqual(['a/one@14', 'a/two@12']);
    });

    it('stops at a revision it does not know (another isolate\'s) and goes on once it does', () => {
      const s = new Scope(10, []);
      s.hold(change('ADDED', 'a', 'late', 13));
      const m: Record<number, string> = { 11: 'configmaps|a', 13: 'pods|a' };
      s.feed(owners(m), pods);
      expect(s.revision).toBe(11);
      expect(names(s)).toEqual([]);
      m[12] = 'services|a';
      s.feed(owners(m), pods);
      expect(s.revision).toBe(13);
      expect(names(s)).toEqual(['a/late@13']);
    });

    it('stops at one of its own revisions that it does not hold, whatever follows', () => {
      const s = new Scope(10, []);
      s.hold(change('ADDED', 'a', 'after', 12));
      s.feed(owners({ 11: 'pods|a', 12: 'pods|a' }), pods);
      expect(s.revision).toBe(10);
      expect(names(s)).toEqual([]);
      // A D1 catch-up past the gap, then the held change is dropped as old.
      s.advance([change('ADDED', 'a', 'before', 11), change('ADDED', 'a', 'after', 12)], 12);
      s.feed(owners({ 11: 'pods|a', 12: 'pods|a' }), pods);
      expect(names(s)).toEqual(['a/after@12', 'a/before@11']);
    });

    it('ignores a held change older than itself', () => {
      const s = new Scope(10, [row('a', 'x', 9)]);
      s.hold(change('DELETED', 'a', 'x', 9));
      s.feed(owners({ 9: 'pods|a' }), pods);
      expect(names(s)).toEqual(['a/x@9']);
    });
  });
});
