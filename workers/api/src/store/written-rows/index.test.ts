import { describe, expect, it } from 'vitest';
import { WrittenRows } from '.';

const key = (name: string, resource = 'configmaps', namespace = 'default') => ({ resource, namespace, name });
const body = (name: string, pad = 0) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { v: 'x'.repeat(pad) } });

describe('WrittenRows', () => {
  it('hands back the last write of a key with its revision in the body', () => {
    const rows = new WrittenRows(1 << 20);
    rows.remember(key('a'), 7, body('a'), '{"app":"x"}', '{}');
    rows.remember(key('a'), 9, body('a'), '{"app":"y"}', '{}');
    const row = rows.get(key('a'))!;
    expect(row.rv).toBe(9);
    expect(JSON.parse(row.json).metadata).toEqual({ resourceVersion: '9', name: 'a' });
    expect(row.labels).toBe('{"app":"y"}');
    expect(rows.size.entries).toBe(1);
  });

  it('keeps keys of different resources and namespaces apart', () => {
    const rows = new WrittenRows(1 << 20);
    rows.remember(key('a'), 1, body('a'), '{}', '{}');
    expect(rows.get(key('a', 'secrets'))).toBeUndefined();
    expect(rows.get(key('a', 'configmaps', 'other'))).toBeUndefined();
    expect(rows.get(key('a'))?.rv).toBe(1);
  });

  it('forgets a key', () => {
    const rows = new WrittenRows(1 << 20);
    rows.remember(key('a'), 1, body('a'), '{}', '{}');
    rows.forget(key('a'));
    rows.forget(key('never'));
    expect(rows.get(key('a'))).toBeUndefined();
    expect(rows.size).toEqual({ entries: 0, bytes: 0 });
  });

  it('drops the least recently written rows past its byte budget', () => {
    const rows = new WrittenRows(2_000);
    for (let i = 0; i < 10; i++) rows.remember(key(`k${i}`), i + 1, body(`k${i}`, 300), '{}', '{}');
    expect(rows.size.bytes).toBeLessThanOrEqual(2_000);
    expect(rows.get(key('k9'))?.rv).toBe(10);
    expect(rows.get(key('k0'))).toBeUndefined();
    // Writing an old key again makes it the newest.
    const kept = Array.from({ length: 10 }, (_, i) => i).filter((i) => rows.get(key(`k${i}`)));
    const oldest = kept[0];
    rows.remember(key(`k${oldest}`), 100, body(`k${oldest}`, 300), '{}', '{}');
    rows.remember(key('new'), 101, body('new', 300), '{}', '{}');
    expect(rows.get(key(`k${oldest}`))?.rv).toBe(100);
    expect(rows.get(key(`k${kept[1]}`))).toBeUndefined();
  });

  it('keeps nothing with a zero budget, and no row larger than a quarter of the budget', () => {
    const off = new WrittenRows(0);
    off.remember(key('a'), 1, body('a'), '{}', '{}');
    expect(off.get(key('a'))).toBeUndefined();
    const small = new WrittenRows(1_000);
    small.remember(key('big'), 1, body('big', 400), '{}', '{}');
    expect(small.get(key('big'))).toBeUndefined();
    small.remember(key('a'), 1, body('a'), '{}', '{}');
    // A write too big to keep still drops the older copy (it is no longer the last write).
    small.remember(key('a'), 2, body('a', 400), '{}', '{}');
    expect(small.get(key('a'))).toBeUndefined();
  });
});
