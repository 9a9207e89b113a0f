// The policies and bindings every write is checked against, compiled once and kept per isolate. A
// cheap stamp (newest revision and count of both kinds) is re-read at most once per TTL, so a create
// costs no list; a policy write in this isolate invalidates at once (as the RBAC snapshot does).
import { sql } from 'drizzle-orm';
import { compilePolicy, type Binding, type CompiledPolicy, type Policy } from '../../../../kube/admission/validatingpolicy';
import { listObjects, type Db } from '../../store';

export const POLICY_RESOURCE = 'admissionregistration.k8s.io/validatingadmissionpolicies';
export const BINDING_RESOURCE = 'admissionregistration.k8s.io/validatingadmissionpolicybindings';
const TTL_MS = 1_000;

export interface PolicySnapshot {
  policies: CompiledPolicy[];
  bindings: Binding[];
}

const EMPTY: PolicySnapshot = { policies: [], bindings: [] };
let cached: { stamp: string; checked: number; snap: PolicySnapshot } | undefined;
let recheckUntil = 0;

/**
 * This isolate is writing a policy or binding: until the TTL passes, every request re-reads the stamp,
 * so the change applies here as soon as it is committed (the write itself is admitted before commit).
 */
export function invalidatePolicies() {
  recheckUntil = Date.now() + TTL_MS;
}

export async function policySnapshot(db: Db): Promise<PolicySnapshot> {
  const now = Date.now();
  if (cached && now - cached.checked < TTL_MS && now >= recheckUntil) return cached.snap;
  const row = await db.get<{ rv: number; n: number }>(
    sql`SELECT COALESCE(MAX(rv), 0) AS rv, COUNT(*) AS n FROM objects WHERE resource IN (${POLICY_RESOURCE}, ${BINDING_RESOURCE})`,
  );
  const stamp = `${row?.rv ?? 0}/${row?.n ?? 0}`;
  if (cached?.stamp === stamp) {
    cached.checked = now;
    return cached.snap;
  }
  let snap = EMPTY;
  if ((row?.n ?? 0) > 0) {
    const [p, b] = await Promise.all([listObjects(db, { resource: POLICY_RESOURCE }), listObjects(db, { resource: BINDING_RESOURCE })]);
    const policies = p.rows.map((r) => compilePolicy(JSON.parse(r.json) as Policy));
    const bindings = b.rows.map((r) => JSON.parse(r.json) as Binding);
    // Only policies with a binding can act; unbound ones are dropped here.
    const bound = new Set(bindings.map((x) => x.spec?.policyName));
    snap = { policies: policies.filter((x) => bound.has(x.name)), bindings };
  }
  cached = { stamp, checked: now, snap };
  return snap;
}
