// managedFields entries: decoding into field sets, the identity that makes two writes "the same
// manager", and encoding back in upstream's entry order and field order.
import { FieldSet } from './fieldset';
import { isObject } from './values';

export interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: Record<string, unknown>;
  subresource?: string;
}

export interface Managed {
  manager: string;
  operation: string;
  apiVersion: string;
  subresource: string;
  time?: string;
  set: FieldSet;
}

/**
 * The manager identifier: the entry without time and fields, and without apiVersion for appliers
 * (an applier stays the same manager whatever version it applies). Conflict messages sort by it.
 */
export function identity(m: Pick<Managed, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  const id: Record<string, string> = {};
  if (m.manager) id.manager = m.manager;
  if (m.operation) id.operation = m.operation;
  if (m.apiVersion && m.operation !== 'Apply') id.apiVersion = m.apiVersion;
  if (m.subresource) id.subresource = m.subresource;
  return JSON.stringify(id);
}

/** Reads stored entries; entries naming the same manager are merged. Throws on malformed fieldsV1. */
export function decodeManaged(entries: unknown): Managed[] {
  const out: Managed[] = [];
  const byId = new Map<string, Managed>();
  for (const e of Array.isArray(entries) ? entries : []) {
    if (!isObject(e)) throw new Error('managedFields entries must be objects');
    const m: Managed = {
      manager: typeof e.manager === 'string' ? e.manager : '',
      operation: typeof e.operation === 'string' ? e.operation : '',
      apiVersion: typeof e.apiVersion === 'string' ? e.apiVersion : '',
      subresource: typeof e.subresource === 'string' ? e.subresource : '',
      time: typeof e.time === 'string' ? e.time : undefined,
      set: e.fieldsV1 === undefined ? new FieldSet() : FieldSet.fromFieldsV1(e.fieldsV1),
    };
    const id = identity(m);
    const prev = byId.get(id);
    if (prev) prev.set = prev.set.union(m.set);
    else byId.set(id, m), out.push(m);
  }
  return out;
}

const seconds = (t: string | undefined) => {
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
};
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Upstream's stored order: Apply before Update, then oldest first, then manager, version, subresource. */
export function sortManaged(list: Managed[]): Managed[] {
  return [...list].sort(
    (p, q) =>
      cmp(p.operation, q.operation) ||
      seconds(p.time) - seconds(q.time) ||
      cmp(p.manager, q.manager) ||
      cmp(p.apiVersion, q.apiVersion) ||
      cmp(p.subresource, q.subresource),
  );
}

export function encodeManaged(list: Managed[]): ManagedFieldsEntry[] {
  return sortManaged(list.filter((m) => !m.set.isEmpty())).map((m) => {
    const e: ManagedFieldsEntry = { manager: m.manager, operation: m.operation, apiVersion: m.apiVersion };
    if (m.time) e.time = m.time;
    e.fieldsType = 'FieldsV1';
    e.fieldsV1 = m.set.toFieldsV1();
    if (m.subresource) e.subresource = m.subresource;
    return e;
  });
}

export const MAX_UPDATE_MANAGERS = 10;
export const ANCIENT_CHANGES = 'ancient-changes';

/**
 * Keeps at most ten Update entries by folding the oldest into an "ancient-changes" entry per API
 * version, so objects written by many tools do not grow without bound.
 */
export function capUpdateManagers(list: Managed[], max = MAX_UPDATE_MANAGERS): Managed[] {
  const updaters = list.filter((m) => m.operation !== 'Apply');
  if (updaters.length <= max) return list;
  const oldest = [...updaters].sort((a, b) => seconds(a.time) - seconds(b.time) || cmp(identity(a), identity(b)));
  let out = [...list];
  let count = updaters.length;
  for (const m of oldest) {
    if (count <= max) break;
    if (m.manager === ANCIENT_CHANGES && m.subresource === '') continue;
    const bucket = out.find((b) => b.manager === ANCIENT_CHANGES && b.operation === 'Update' && b.apiVersion === m.apiVersion && !b.subresource);
    out = out.filter((x) => x !== m);
    if (bucket) {
      bucket.set = bucket.set.union(m.set);
      if (seconds(m.time) > seconds(bucket.time)) bucket.time = m.time;
      count--;
    } else {
      out.push({ manager: ANCIENT_CHANGES, operation: 'Update', apiVersion: m.apiVersion, subresource: '', time: m.time, set: m.set });
    }
  }
  return out;
}
