// The RBAC authorizer: decisions from a snapshot of every Role, ClusterRole and binding, rebuilt when
// they change. Like upstream's informer-fed RBAC, a change applies within a moment (here at most
// SNAPSHOT_TTL_MS, and at once in the isolate that made it).
import { sql } from 'drizzle-orm';
import { RbacSnapshot, SUPERUSER_GROUP } from '../../../kube/rbac';
import type { Db } from '../store';
import { allowAuthenticated, type Authorizer } from './authorizer';
import { authorizationAlwaysAllows } from './mode';

export const RBAC_RESOURCES = [
  'rbac.authorization.k8s.io/roles',
  'rbac.authorization.k8s.io/clusterroles',
  'rbac.authorization.k8s.io/rolebindings',
  'rbac.authorization.k8s.io/clusterrolebindings',
];
const SNAPSHOT_TTL_MS = 1_000;

let cached: { stamp: string; checked: number; snap: RbacSnapshot } | undefined;
/** Until then every decision re-checks the stamp: this isolate is writing an RBAC object. */
let recheckUntil = 0;

/**
 * Called by admission before an RBAC write is stored: the write commits after this, so a single
 * invalidation would be spent before it lands. Decisions re-check the stamp (one small query) for a
 * TTL, which makes the change visible here as soon as it is committed.
 */
export function invalidateRbac() {
  if (cached) cached.checked = 0;
  recheckUntil = Date.now() + SNAPSHOT_TTL_MS;
}

export async function rbacSnapshot(db: Db): Promise<RbacSnapshot> {
  const now = Date.now();
  if (cached && now - cached.checked < SNAPSHOT_TTL_MS && now >= recheckUntil) return cached.snap;
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
      // system:masters needs no policy (upstream's privileged-group authorizer runs first): an admin
      // importing thousands of roles does not rebuild the snapshot after each one.
      if (authorizationAlwaysAllows() || a.user.groups.includes(SUPERUSER_GROUP)) return { allowed: true, reason: '' };
      const snap = await rbacSnapshot(db);
      return snap.authorize(a.user, a);
    },
    async rulesFor(user, namespace) {
      if (authorizationAlwaysAllows()) return allowAuthenticated.rulesFor({ ...user, groups: ['system:authenticated'] }, namespace);
      const snap = await rbacSnapshot(db);
      return snap.rulesFor(user, namespace);
    },
  };
}
