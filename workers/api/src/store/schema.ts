// D1 tables (drizzle). Live objects plus an append-only change log whose primary key is the global
// revision (DESIGN.md invariants 1-3). Bodies are stored without metadata.resourceVersion: it is the
// `rv` / `revision` column, injected on read by SQLite's json_set so lists never re-serialize in JS.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const objects = sqliteTable(
  'objects',
  {
    /** "pods" for the core group, "apps/deployments" otherwise. */
    resource: text('resource').notNull(),
    /** "" for cluster-scoped objects. */
    namespace: text('namespace').notNull(),
    name: text('name').notNull(),
    uid: text('uid').notNull(),
    /** Revision of the last write: metadata.resourceVersion. */
    rv: integer('rv').notNull(),
    /** JSON without metadata.resourceVersion. */
    body: text('body').notNull(),
    /** JSON object of labels, so label selectors filter without parsing bodies. */
    labels: text('labels').notNull(),
    /** JSON object of field-selector values (ResourceDef.fields). */
    fields: text('fields').notNull(),
    /** spec.nodeName for pods: per-node lists and watches are index range scans. */
    nodeName: text('node_name'),
  },
  (t) => [primaryKey({ columns: [t.resource, t.namespace, t.name] }), index('objects_node').on(t.resource, t.nodeName)],
);

export const changes = sqliteTable(
  'changes',
  {
    revision: integer('revision').primaryKey(),
    resource: text('resource').notNull(),
    namespace: text('namespace').notNull(),
    name: text('name').notNull(),
    /** ADDED | MODIFIED | DELETED */
    type: text('type').notNull(),
    /** The object after the change (for DELETED: the final object), JSON without resourceVersion. */
    object: text('object').notNull(),
    labels: text('labels').notNull(),
    fields: text('fields').notNull(),
    /** Labels and fields before a MODIFIED change, for selector transitions. */
    prevLabels: text('prev_labels'),
    prevFields: text('prev_fields'),
    nodeName: text('node_name'),
    /** Unix milliseconds, for the compaction time window. */
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('changes_resource_revision').on(t.resource, t.revision),
    index('changes_node_revision').on(t.resource, t.nodeName, t.revision),
  ],
);

/** Small key/value facts: the compacted revision, bootstrap version. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: integer('value').notNull(),
});

/** Bearer tokens, stored as SHA-256 hex; the token itself is never stored. */
export const tokens = sqliteTable('tokens', {
  hash: text('hash').primaryKey(),
  user: text('user').notNull(),
  uid: text('uid').notNull(),
  /** JSON array of group names. */
  groups: text('groups').notNull(),
  /** Unix milliseconds; null = never expires. */
  expiresAt: integer('expires_at'),
  description: text('description'),
  createdAt: integer('created_at').notNull(),
});

/**
 * Allocated cluster-wide values (Service cluster IPs, node ports), written in the same batch as the
 * object that holds them, so two concurrent creates can never get the same one (primary key).
 */
export const allocations = sqliteTable(
  'allocations',
  {
    /** "service-ip" | "node-port" */
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    /** The holder: "<resource>/<namespace>/<name>". */
    owner: text('owner').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.value] }), index('allocations_owner').on(t.owner)],
);

/**
 * ResourceQuota usage, one row per (quota, resource): amounts in millicores for CPU, whole units
 * otherwise. Creates add their usage in the same batch as the object's insert and deletes subtract it;
 * a trigger (migration 0002) aborts the batch when an increment would pass `hard`, so concurrent creates
 * can never exceed a quota. A recalculation from the objects bumps `gen` (bypassing the trigger).
 */
export const quotaUsage = sqliteTable(
  'quota_usage',
  {
    namespace: text('namespace').notNull(),
    quota: text('quota').notNull(),
    resource: text('resource').notNull(),
    /** The ResourceQuota's uid: rows of a deleted and recreated quota are recalculated. */
    uid: text('uid').notNull(),
    hard: integer('hard').notNull(),
    used: integer('used').notNull(),
    /** Bumped by each recalculation. */
    gen: integer('gen').notNull().default(0),
    /** JSON of the quota's scope requirements, so a delete can tell which quotas tracked the object. */
    scopes: text('scopes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.namespace, t.quota, t.resource] })],
);

/** The audit log (workers/api/src/audit), defined beside its code; exported here for drizzle-kit. */
export { auditEvents } from '../audit/schema';
