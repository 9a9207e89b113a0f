/** Identifies one object: resource is "pods" (core) or "apps/deployments"; namespace "" when cluster-scoped. */
export interface ObjectKey {
  resource: string;
  namespace: string;
  name: string;
}

/** Columns derived from an object for selectors and indexes. */
export interface IndexColumns {
  labels: Record<string, string>;
  fields: Record<string, string>;
  nodeName: string | null;
}

/** A stored object as read: `json` already carries metadata.resourceVersion. */
export interface StoredRow {
  namespace: string;
  name: string;
  rv: number;
  json: string;
  labels: string;
  fields: string;
  /** Read from a value the current primary key did not write (older key, or plain): an unchanged update still rewrites it. */
  stale?: boolean;
}

export interface ChangeRow {
  revision: number;
  namespace: string;
  name: string;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** Object JSON with metadata.resourceVersion = revision. */
  json: string;
  labels: string;
  fields: string;
  prevLabels: string | null;
  prevFields: string | null;
}

/**
 * The body as stored: JSON without metadata.resourceVersion, with apiVersion, kind and metadata first
 * so that the revision can be spliced in on read without parsing (see withResourceVersion).
 */
export function storedBody(obj: { apiVersion?: unknown; kind?: unknown; metadata?: Record<string, unknown>; [k: string]: unknown }): string {
  const { resourceVersion: _rv, ...metadata } = (obj.metadata ?? {}) as Record<string, unknown>;
  const { apiVersion, kind, metadata: _m, ...rest } = obj as Record<string, unknown>;
  return JSON.stringify({ apiVersion, kind, metadata, ...rest });
}

const META = '"metadata":{';

/** Puts metadata.resourceVersion into a stored body. A string splice when the top-level metadata is
 * unambiguous (nothing but scalar apiVersion/kind before it), else a parse. */
export function withResourceVersion(body: string, rv: number): string {
  const at = body.indexOf(META);
  if (at > 0 && body.lastIndexOf('{', at) === 0 && body.lastIndexOf('[', at) === -1) {
    const after = at + META.length;
    const sep = body[after] === '}' ? '' : ',';
    return `${body.slice(0, after)}"resourceVersion":"${rv}"${sep}${body.slice(after)}`;
  }
  const obj = JSON.parse(body) as { metadata?: Record<string, unknown> };
  obj.metadata = { ...(obj.metadata ?? {}), resourceVersion: String(rv) };
  return JSON.stringify(obj);
}
