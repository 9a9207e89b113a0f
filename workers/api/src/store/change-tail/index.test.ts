import { describe, expect, it } from 'vitest';
import { ChangeTail } from '.';

const body = (name: string) => `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"${name}"}}`;
const pods = new Set(['pods']);

describe('ChangeTail', () => {
  it('serves the run of revisions after the cursor, only of the resources asked for, with their resourceVersion', () => {
    const t = new ChangeTail(1 << 20);
    t.record(11, 'pods', 'ADDED', body('a'));
    t.record(12, 'leases', 'MODIFIED', body('l'));
    t.record(13, 'pods', 'DELETED', body('a'));
    const r = t.read(pods, 10, 100);
    expect(r.through).toBe(13);
    expect(r.items.map((i) => [i.revision, i.type])).toEqual([
      [11, 'ADDED'],
      [13, 'DELETED'],
    ]);
    expect(JSON.parse(r.items[0].json).metadata.resourceVersion).toBe('11');
  });

  it('stops at a revision it did not see committed (another isolate wrote it): D1 reads from there', () => {
    const t = new ChangeTail(1 << 20);
    t.record(11, 'pods', 'ADDED', body('a'));
    t.record(13, 'pods', 'ADDED', body('b'));
    const r = t.read(pods, 10, 100);
    expect(r).toMatchObject({ through: 11 });
    expect(r.items).toHaveLength(1);
    expect(t.read(pods, 9, 100)).toEqual({ items: [], through: 9 });
  });

  it('cannot serve a Secret (kept without its body) but passes over one when other resources are read', () => {
    const t = new ChangeTail(1 << 20);
    t.record(11, 'secrets', 'ADDED', undefined);
    t.record(12, 'pods', 'ADDED', body('a'));
    expect(t.read(new Set(['secrets']), 10, 100)).toEqual({ items: [], through: 10 });
    expect(t.read(pods, 10, 100).through).toBe(12);
  });

  it('returns at most `limit` items, covering up to the last one', () => {
    const t = new ChangeTail(1 << 20);
    for (let r = 1; r <= 5; r++) t.record(r, 'pods', 'ADDED', body(`p${r}`));
    const r = t.read(pods, 0, 2);
    expect(r.items.map((i) => i.revision)).toEqual([1, 2]);
    expect(r.through).toBe(2);
  });

  it('forgets the oldest commits past its byte budget and never serves below them', () => {
    const t = new ChangeTail(600);
    for (let r = 1; r <= 10; r++) t.record(r, 'pods', 'ADDED', body(`p${r}`));
    expect(t.size.bytes).toBeLessThanOrEqual(600);
    expect(t.read(pods, 0, 100)).toEqual({ items: [], through: 0 });
    const from = 10 - t.size.entries;
    expect(t.read(pods, from, 100).through).toBe(10);
    // A late commit below what was forgotten is not kept: reads there go to D1 anyway.
    t.record(1, 'pods', 'ADDED', body('late'));
    expect(t.read(pods, 0, 100).through).toBe(0);
  });

  it('keeps nothing when its budget is 0', () => {
    const t = new ChangeTail(0);
    t.record(1, 'pods', 'ADDED', body('a'));
    expect(t.read(pods, 0, 100)).toEqual({ items: [], through: 0 });
  });

  it('serves change-log rows to a watch channel, stopping at a gap and at a change recorded without its row', () => {
    const t = new ChangeTail(1 << 20);
    const row = (name: string, prev: string | null) => ({ namespace: 'ns', name, labels: '{"app":"x"}', fields: '{}', prevLabels: prev, prevFields: prev === null ? null : '{}' });
    t.record(11, 'pods', 'ADDED', body('a'), row('a', null));
    t.record(12, 'leases', 'MODIFIED', body('l'), row('l', '{}'));
    t.record(13, 'pods', 'MODIFIED', body('a'), row('a', '{"app":"y"}'));
    t.record(14, 'pods', 'MODIFIED', body('b'));
    t.record(16, 'pods', 'ADDED', body('c'), row('c', null));
    const r = t.readRows('pods', 10, 100);
    expect(r.through).toBe(13);
    expect(r.rows).toEqual([
      { revision: 11, type: 'ADDED', json: expect.stringContaining('"resourceVersion":"11"'), ...row('a', null) },
      { revision: 13, type: 'MODIFIED', json: expect.stringContaining('"resourceVersion":"13"'), ...row('a', '{"app":"y"}') },
    ]);
    // 14 has no row (the reader must go to D1); past it, 15 was never seen committed.
    expect(t.readRows('pods', 13, 100)).toEqual({ rows: [], through: 13 });
    expect(t.readRows('pods', 14, 100)).toEqual({ rows: [], through: 14 });
    expect(t.readRows('leases', 12, 100)).toEqual({ rows: [], through: 14 });
    expect(t.readRows('pods', 10, 1)).toMatchObject({ through: 11 });
  });
});
