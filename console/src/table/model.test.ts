import { describe, expect, it } from 'vitest';
import { tableEvent, tableFor } from '../../../workers/kube/printers';
import { applyEvent, cellText, displayColumns, filterRows, fromTable, sortRows, type Table } from './model';
import { parseSelector } from './selector';

const APPS = { group: 'apps', version: 'v1', kind: 'Deployment' };
const NOW = Date.parse('2026-01-01T01:00:00Z');

function deployment(name: string, ns: string, replicas: number, ready: number, created: string, labels: Record<string, string> = {}) {
  return {
    metadata: { name, namespace: ns, uid: `uid-${ns}-${name}`, resourceVersion: '10', creationTimestamp: created, labels },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    status: { replicas, readyReplicas: ready, updatedReplicas: replicas, availableReplicas: ready },
  };
}

const web = deployment('web', 'default', 3, 3, '2026-01-01T00:00:00Z', { app: 'web', tier: 'front' });
const db = deployment('db', 'data', 1, 0, '2026-01-01T00:50:00Z', { app: 'db' });
const api = deployment('api-10', 'default', 2, 1, '2026-01-01T00:59:00Z', { app: 'api', tier: 'front' });

function state() {
  return fromTable(tableFor(APPS, [web, db, api], { now: NOW }) as Table);
}

describe('list table state', () => {
  it('shows the columns kubectl get deployments prints, NAMESPACE first across namespaces', () => {
    const s = state();
    expect(displayColumns(s.columns, false).map((c) => c.name)).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age']);
    expect(displayColumns(s.columns, true).map((c) => c.name)).toEqual(['Namespace', 'Name', 'Ready', 'Up-to-date', 'Available', 'Age']);
    expect(displayColumns(s.columns, false, true).map((c) => c.name)).toContain('Selector');
  });

  it('renders cells as the server printed them and ages from the creation time', () => {
    const s = state();
    const cols = displayColumns(s.columns, true);
    const row = s.rows.get('uid-data-db')!;
    expect(cols.map((c) => cellText(row, c, NOW))).toEqual(['data', 'db', '0/1', '1', '0', '10m']);
    expect(cellText(row, cols[5], NOW + 3_600_000)).toBe('70m');
  });

  it('adds, modifies and deletes rows from Table watch events', () => {
    let s = state();
    const cache = deployment('cache', 'default', 1, 1, '2026-01-01T00:30:00Z');
    s = applyEvent(s, tableEvent(APPS, 'ADDED', { ...cache, metadata: { ...cache.metadata, resourceVersion: '11' } }, { first: true, now: NOW }) as never);
    expect(s.rows.size).toBe(4);
    expect(s.resourceVersion).toBe('11');
    const scaled = { ...db, metadata: { ...db.metadata, resourceVersion: '12' }, status: { ...db.status, readyReplicas: 1 } };
    s = applyEvent(s, tableEvent(APPS, 'MODIFIED', scaled, { first: false, now: NOW }) as never);
    expect(s.rows.get('uid-data-db')!.cells[1]).toBe('1/1');
    expect(s.columns.length).toBeGreaterThan(0);
    s = applyEvent(s, tableEvent(APPS, 'DELETED', web, { first: false, now: NOW }) as never);
    expect([...s.rows.values()].map((r) => r.name).sort()).toEqual(['api-10', 'cache', 'db']);
    s = applyEvent(s, { type: 'BOOKMARK', object: { kind: 'Deployment', metadata: { resourceVersion: '20' } } });
    expect(s.resourceVersion).toBe('20');
  });

  it('filters by text over name and cells, and by label selector', () => {
    const rows = [...state().rows.values()];
    expect(filterRows(rows, { text: 'WE' }).map((r) => r.name)).toEqual(['web']);
    expect(filterRows(rows, { text: '0/1' }).map((r) => r.name)).toEqual(['db']);
    const sel = parseSelector('tier=front');
    if (!sel.ok) throw new Error(sel.error);
    expect(filterRows(rows, { selector: sel.requirements }).map((r) => r.name).sort()).toEqual(['api-10', 'web']);
    expect(filterRows(rows, { selector: sel.requirements, text: 'api' }).map((r) => r.name)).toEqual(['api-10']);
  });

  it('sorts by namespace/name by default, by a column either way, ages by creation time', () => {
    const s = state();
    const rows = [...s.rows.values()];
    const cols = displayColumns(s.columns, true);
    expect(sortRows(rows, cols, undefined).map((r) => r.name)).toEqual(['db', 'api-10', 'web']);
    expect(sortRows(rows, cols, 'Name').map((r) => r.name)).toEqual(['api-10', 'db', 'web']);
    expect(sortRows(rows, cols, '-Name').map((r) => r.name)).toEqual(['web', 'db', 'api-10']);
    expect(sortRows(rows, cols, 'Age').map((r) => r.name)).toEqual(['api-10', 'db', 'web']);
    expect(sortRows(rows, cols, '-Available').map((r) => r.name)).toEqual(['web', 'api-10', 'db']);
  });
});
