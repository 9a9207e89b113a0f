// The RBAC authorizer: decisions from a snapshot of every Role, ClusterRole and binding, rebuilt when
// they change. Like upstream's informer-fed RBAC, a change applies within a moment (here at most
// SNAPSHOT_TTL_MS, and at once in the isolate that made it).
import { sql } from 'drizzle-orm';
import { RbacSnapshot } from '../../../kube/rbac';
import type { Db } from '../store';
import type { Authorizer } from './authorizer';

export const RBAC_RESOURCES = [
  'rbac.authorization.k8s.io/roles',
  'rbac.authorization.k8s.io/clusterroles',
  'rbac.authorization.k8s.io/rolebindings',
  'rbac.authorization.k8s.io/clusterrolebindings',
];
const SNAPSHOT_TTL_MS = 1_000;

let cached: { stamp: string; checked: number; snap: RbacSnapshot } | undefined;

/** Forces the next decision to re-check the stored RBAC objects (after this isolate wrote one). */
export function invalidateRbac() {
  if (cached) cached.checked = 0;
}

export async function rbacSnapshot(db: Db): Promise<RbacSnapshot> {
  const now = Date.now();
  if (cached && now - cached.checked < SNAPSHOT_TTL_MS) return cached.snap;
  const row = await db.get<{ rv: number; n: number }>(
    sql`SELECT COALESCE(MAX(rv), 0) AS rv, COUNT(*) AS n FROM objects WHERE resource IN (${sql.join(RBAC_RESOURCES.map((r) => sql`${r}`), sql`, `)})`,
  );
  const stamp = `${row?.rv ?? 0}/${row?.n ?? 0}`;
  if (cached?.stamp === stamp) {
    cached.checked = now;
    return cached.snap;
  }
  const rows = await db.all<{ resource: string; body: string }>(
    sql`SELECT resource, body FROM objects WHERE resource IN (${sql.join(RBAC_RESOURCES.map((r) => sql`${r}`), sql`, `)})`,
  );
  const pick = (r: string) => rows.filter((x) => x.resource === r).map((x) => JSON.parse(x.body));
  const snap = new RbacSnapshot({
    roles: pick(RBAC_RESOURCES[0]),
    clusterRoles: pick(RBAC_RESOURCES[1]),
    roleBindings: pick(RBAC_RESOURCES[2]),
    clusterRoleBindings: pick(RBAC_RESOURCES[3]),
  });
  cached = { stamp, checked: now, snap };
  return snap;
}

export function rbacAuthorizer(db: Db): Authorizer {
  return {
    async authorize(a) {
      const snap = await rbacSnapshot(db);
      return snap.authorize(a.user, a);
    },
    async rulesFor(user, namespace) {
      const snap = await rbacSnapshot(db);
      return snap.rulesFor(user, namespace);
    },
  };
}
