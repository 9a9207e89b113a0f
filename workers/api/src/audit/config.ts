// Audit settings from the worker's variables: AUDIT_POLICY (an audit.k8s.io/v1 Policy as JSON or YAML;
// default: DEFAULT_POLICY), AUDIT_RETENTION_SECONDS (default 7 days), AUDIT_MAX_EVENTS (default 100,000).
import { DEFAULT_POLICY } from './default-policy';
import { parsePolicy, type Policy } from './policy';
import { DEFAULT_RETENTION, type Retention } from './sink';
import { dbOf, type Db } from '../store';

export interface AuditEnv {
  /** Where audit events are written and queried (default: the object store's database). */
  AUDIT_DB?: D1Database;
  AUDIT_POLICY?: string;
  AUDIT_RETENTION_SECONDS?: string;
  AUDIT_MAX_EVENTS?: string;
}

export interface AuditConfig {
  policy: Policy;
  retention: Retention;
}

let cached: { key: string; cfg: AuditConfig } | undefined;

export function auditConfig(env: AuditEnv): AuditConfig {
  const key = `${env.AUDIT_POLICY ?? ''}\0${env.AUDIT_RETENTION_SECONDS ?? ''}\0${env.AUDIT_MAX_EVENTS ?? ''}`;
  if (cached?.key === key) return cached.cfg;
  let policy = DEFAULT_POLICY;
  if (env.AUDIT_POLICY?.trim()) {
    try {
      policy = parsePolicy(env.AUDIT_POLICY);
    } catch (err) {
      // A broken override must not silence auditing: the built-in policy applies and the error is logged.
      console.error(JSON.stringify({ msg: 'AUDIT_POLICY ignored', err: String((err as Error).message ?? err) }));
    }
  }
  const age = Number(env.AUDIT_RETENTION_SECONDS ?? '');
  const max = Number(env.AUDIT_MAX_EVENTS ?? '');
  const retention: Retention = {
    maxAgeMs: Number.isFinite(age) && age > 0 ? age * 1000 : DEFAULT_RETENTION.maxAgeMs,
    maxEvents: Number.isInteger(max) && max > 0 ? max : DEFAULT_RETENTION.maxEvents,
  };
  cached = { key, cfg: { policy, retention } };
  return cached.cfg;
}

/** The database audit events live in: AUDIT_DB when bound, else the object store's. */
export function auditDb(env: AuditEnv, store: Db): Db {
  return env.AUDIT_DB ? dbOf({ DB: env.AUDIT_DB }) : store;
}
