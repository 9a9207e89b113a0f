// The audit log table (migration 0003): one row per audit event, the event itself as JSON plus the
// columns the query endpoint filters on. Re-exported by store/schema.ts so drizzle-kit generates it.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    auditId: text('audit_id').notNull(),
    stage: text('stage').notNull(),
    /** requestReceivedTimestamp, Unix milliseconds: the `since` filter and the retention window. */
    ts: integer('ts').notNull(),
    user: text('user').notNull(),
    verb: text('verb').notNull(),
    /** objectRef: "" when the request addressed no resource. */
    apiGroup: text('api_group').notNull(),
    resource: text('resource').notNull(),
    namespace: text('namespace').notNull(),
    name: text('name').notNull(),
    code: integer('code').notNull(),
    /** The audit.k8s.io/v1 Event as JSON. */
    event: text('event').notNull(),
  },
  (t) => [index('audit_events_ts').on(t.ts), index('audit_events_user').on(t.user, t.id), index('audit_events_resource').on(t.resource, t.id)],
);
