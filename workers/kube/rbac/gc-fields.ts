// Updates that only touch what the garbage collector edits (owner references, finalizers) skip the
// escalation checks, so the collector can finish deleting roles and bindings it could never grant.

const IGNORED = ['ownerReferences', 'finalizers', 'selfLink', 'managedFields'];

/** Deep equality where a missing field, null, [] and {} are all "empty", like Go's semantic equality. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => semanticEqual(v, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!semanticEqual(a[k], b[k])) return false;
    return true;
  }
  return a === b;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return isObject(v) && Object.keys(v).length === 0;
}

/** True when `next` differs from `prev` at most in owner references, finalizers and managed fields. */
export function onlyGcFieldsChanged(prev: object | undefined, next: object): boolean {
  if (!prev) return false;
  return semanticEqual(strip(prev), strip(next));
}

function strip(o: { metadata?: unknown }): unknown {
  const metadata: Record<string, unknown> = { ...(isObject(o.metadata) ? o.metadata : {}) };
  for (const k of IGNORED) delete metadata[k];
  return { ...o, metadata };
}
