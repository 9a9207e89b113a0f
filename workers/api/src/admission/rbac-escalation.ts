// RBAC escalation prevention (upstream's RBAC registry check): nobody creates or updates a role, or a
// binding to a role, granting more than they hold themselves, unless they have `escalate` or `bind`.
import { SUPERUSER_GROUP, checkEscalation } from '../../../kube/rbac';
import type { KObject } from '../../../kube/registry/types';
import { invalidateRbac, rbacSnapshot } from '../auth/rbac';
import type { ResourceCtx } from '../context';

const KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

export async function admitRbacWrite(ctx: ResourceCtx, obj: KObject, old?: KObject): Promise<void> {
  if (ctx.def.group !== 'rbac.authorization.k8s.io' || !KINDS.has(ctx.def.kind)) return;
  invalidateRbac();
  // Superusers may grant anything: skipping the snapshot keeps a bulk import of roles from rebuilding it per write.
  if (ctx.user.groups.includes(SUPERUSER_GROUP)) return;
  const snap = await rbacSnapshot(ctx.db);
  const namespace = obj.metadata.namespace ?? '';
  const err = checkEscalation(snap, ctx.user, {
    kind: ctx.def.kind as never,
    obj: obj as never,
    old: old as never,
    namespace,
    requestName: ctx.req.name,
  });
  if (err) throw err;
}
