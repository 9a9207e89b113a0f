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

/** The body as stored: JSON without metadata.resourceVersion. */
export function storedBody(obj: { metadata?: Record<string, unknown> }): string {
  const { resourceVersion: _rv, ...metadata } = (obj.metadata ?? {}) as Record<string, unknown>;
  return JSON.stringify({ ...obj, metadata });
}
