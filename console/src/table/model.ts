// A list page's state: the server's meta.k8s.io Table (the same columns and cells `kubectl get` prints),
// kept current by Table watch events, then filtered and sorted for display.
import { humanDuration } from '../../../workers/kube/printers/duration';
import type { Cell, Table, TableColumnDefinition, TableRow } from '../../../workers/kube/printers/types';
import { matches, type Requirement } from './selector';

export type { Cell, Table, TableColumnDefinition, TableRow };

export interface ListRow {
  key: string;
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  created?: string;
  cells: Cell[];
}

export interface TableState {
  columns: TableColumnDefinition[];
  rows: Map<string, ListRow>;
  resourceVersion?: string;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: Table | { kind?: string; metadata?: { resourceVersion?: string }; message?: string; code?: number };
}

function toRow(r: TableRow): ListRow {
  const m = r.object?.metadata ?? {};
  const key = m.uid ?? `${m.namespace ?? ''}/${m.name ?? ''}`;
  return { key, name: m.name ?? '', namespace: m.namespace, labels: m.labels, created: m.creationTimestamp, cells: r.cells };
}

export function fromTable(t: Table): TableState {
  return { columns: t.columnDefinitions ?? [], rows: new Map(t.rows.map((r) => [toRow(r).key, toRow(r)])), resourceVersion: t.metadata.resourceVersion };
}

/** The state after one watch event (a new object: the UI compares by identity). */
export function applyEvent(state: TableState, ev: WatchEvent): TableState {
  const rv = ev.object.metadata?.resourceVersion;
  if (ev.type === 'BOOKMARK') return { ...state, resourceVersion: rv ?? state.resourceVersion };
  if (ev.type === 'ERROR' || ev.object.kind !== 'Table') return state;
  const t = ev.object as Table;
  const rows = new Map(state.rows);
  let resourceVersion = state.resourceVersion;
  for (const r of t.rows) {
    const row = toRow(r);
    if (ev.type === 'DELETED') rows.delete(row.key);
    else rows.set(row.key, row);
    resourceVersion = r.object?.metadata?.resourceVersion ?? resourceVersion;
  }
  return { columns: t.columnDefinitions?.length ? t.columnDefinitions : state.columns, rows, resourceVersion };
}

export interface Column {
  name: string;
  /** The cell index, or -1 for the NAMESPACE column the console adds across namespaces (as -A does). */
  index: number;
  type: string;
}

/** The columns `kubectl get` prints (priority 0), with NAMESPACE first when listing every namespace. */
export function displayColumns(columns: readonly TableColumnDefinition[], allNamespaces: boolean, wide = false): Column[] {
  const out: Column[] = allNamespaces ? [{ name: 'Namespace', index: -1, type: 'string' }] : [];
  columns.forEach((c, index) => {
    if (c.priority === 0 || wide) out.push({ name: c.name, index, type: c.type });
  });
  return out;
}

/** A cell as shown: ages are recomputed from creationTimestamp so they keep counting. */
export function cellText(row: ListRow, col: Column, now: number): string {
  if (col.index < 0) return row.namespace ?? '';
  if (col.name === 'Age' && row.created) return humanDuration(now - Date.parse(row.created));
  const v = row.cells[col.index];
  return v === null || v === undefined ? '' : String(v);
}

export interface Filter {
  text?: string;
  selector?: readonly Requirement[];
}

export function filterRows(rows: Iterable<ListRow>, f: Filter): ListRow[] {
  const text = f.text?.trim().toLowerCase();
  const out: ListRow[] = [];
  for (const r of rows) {
    if (f.selector && !matches(f.selector, r.labels)) continue;
    if (text && !rowText(r).includes(text)) continue;
    out.push(r);
  }
  return out;
}

function rowText(r: ListRow): string {
  return [r.namespace ?? '', r.name, ...r.cells.map((c) => (c === null ? '' : String(c)))].join('\u0000').toLowerCase();
}

/** `Name` ascending, `-Age` descending; no sort: by namespace then name, as the API lists. */
export function parseSort(sort: string | undefined): { column?: string; desc: boolean } {
  if (!sort) return { desc: false };
  return sort.startsWith('-') ? { column: sort.slice(1), desc: true } : { column: sort, desc: false };
}

export function sortRows(rows: ListRow[], columns: readonly Column[], sort: string | undefined): ListRow[] {
  const { column, desc } = parseSort(sort);
  const col = columns.find((c) => c.name === column);
  const byKey = (a: ListRow, b: ListRow) => cmp(a.namespace ?? '', b.namespace ?? '') || cmp(a.name, b.name);
  if (!col) return [...rows].sort(byKey);
  const value = (r: ListRow): string | number => {
    if (col.index < 0) return r.namespace ?? '';
    // Age: the youngest first when ascending (the smallest age).
    if (col.name === 'Age') return -(r.created ? Date.parse(r.created) : 0);
    const v = r.cells[col.index];
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (col.type === 'integer' || col.type === 'number') return Number(v ?? 0);
    return v ?? '';
  };
  const dir = desc ? -1 : 1;
  return [...rows].sort((a, b) => dir * cmp(value(a), value(b)) || byKey(a, b));
}

function cmp(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}
