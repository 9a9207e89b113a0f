// The Table envelope: metadata, columnDefinitions, row objects per includeObject, and watch events.
import { describe, expect, it } from 'vitest';
import { tableFor } from './table';
import { tableEvent, tableEventStream } from './watch';
import { NOW, def, meta } from './golden.testing';
import type { KObject } from '../registry/types';

const CM = def('', 'v1', 'ConfigMap');
const cm = (name: string, rv = '100'): KObject => ({ metadata: { ...meta(name, 5), resourceVersion: rv, labels: { app: 'x' } }, data: { a: '1' } });

describe('tableFor', () => {
  it('lists: list metadata, column definitions with priorities, PartialObjectMetadata rows by default', () => {
    const t = tableFor(CM, [cm('a'), cm('b')], { now: NOW, listMeta: { resourceVersion: '1032', continue: 'tok' } });
    expect(t.kind).toBe('Table');
    expect(t.apiVersion).toBe('meta.k8s.io/v1');
    expect(t.metadata).toEqual({ resourceVersion: '1032', continue: 'tok' });
    expect(t.columnDefinitions?.map((c) => [c.name, c.type, c.format, c.priority])).toEqual([['Name', 'string', 'name', 0], ['Data', 'string', '', 0], ['Age', 'string', '', 0]]);
    expect(t.columnDefinitions?.every((c) => c.description.length > 0)).toBe(true);
    expect(t.rows[0]).toEqual({ cells: ['a', 1, '5s'], object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: cm('a').metadata } });
  });

  it('includeObject=Object carries the full object with kind and apiVersion (needed by --sort-by)', () => {
    const t = tableFor(def('apps', 'v1', 'Deployment'), [{ metadata: meta('web'), spec: { replicas: 1 } }], { now: NOW, includeObject: 'Object' });
    expect(t.rows[0].object).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('web'), spec: { replicas: 1 } });
  });

  it('includeObject=None omits row.object; noHeaders omits columnDefinitions', () => {
    const t = tableFor(CM, [cm('a')], { now: NOW, includeObject: 'None', noHeaders: true });
    expect(t.rows[0]).toEqual({ cells: ['a', 1, '5s'] });
    expect('columnDefinitions' in t).toBe(false);
  });

  it('a single object (GET) takes its own resourceVersion; an empty list keeps empty metadata', () => {
    expect(tableFor(CM, [cm('a', '77')], { now: NOW }).metadata).toEqual({ resourceVersion: '77' });
    expect(tableFor(CM, [], { now: NOW, listMeta: {} })).toMatchObject({ metadata: {}, rows: [] });
    expect(tableFor(CM, [], { now: NOW, listMeta: { resourceVersion: '9', remainingItemCount: 0 } }).metadata).toEqual({ resourceVersion: '9', remainingItemCount: 0 });
  });

  it('custom resources use the given printer columns', () => {
    const t = tableFor(def('stable.example.com', 'v1', 'CronTab'), [{ metadata: meta('c'), spec: { cronSpec: '* * * * *' } }], { now: NOW, printerColumns: [{ name: 'Spec', type: 'string', jsonPath: '.spec.cronSpec' }] });
    expect(t.columnDefinitions?.map((c) => c.name)).toEqual(['Name', 'Spec']);
    expect(t.rows[0].cells).toEqual(['c', '* * * * *']);
  });
});

describe('watch events as tables', () => {
  it('tableEvent: one row, headers only when first', () => {
    const first = tableEvent(CM, 'ADDED', cm('a', '5'), { first: true, now: NOW });
    expect(first.type).toBe('ADDED');
    expect(first.object.rows).toHaveLength(1);
    expect(first.object.columnDefinitions).toHaveLength(3);
    expect(first.object.metadata).toEqual({ resourceVersion: '5' });
    const later = tableEvent(CM, 'MODIFIED', cm('a', '6'), { first: false, now: NOW });
    expect(later.object.columnDefinitions).toBeUndefined();
    expect(later.object.rows[0].cells).toEqual(['a', 1, '5s']);
  });

  it('tableEventStream sends headers once; ERROR and BOOKMARK objects pass through untouched', () => {
    const encode = tableEventStream(CM, { now: NOW });
    const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 410 } as unknown as KObject;
    expect(encode('ERROR', status)).toEqual({ type: 'ERROR', object: status });
    const a = encode('ADDED', cm('a')).object as { columnDefinitions?: unknown[] };
    const b = encode('DELETED', cm('a')).object as { columnDefinitions?: unknown[]; rows: unknown[] };
    expect(a.columnDefinitions).toHaveLength(3);
    expect(b.columnDefinitions).toBeUndefined();
    expect(b.rows).toHaveLength(1);
  });
});
