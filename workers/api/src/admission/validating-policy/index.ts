// The ValidatingAdmissionPolicy admission stage: after the built-in plugins, every create, update and
// delete is checked against the bound policies. A Deny failure is upstream's error (422 Invalid, or the
// validation's reason); Warn failures become Warning headers; Audit failures have no audit log to go to
// yet (docs/decisions.md).
import { denialText, evaluatePolicies, reasonCode, type AdmissionAttributes, type Operation } from '../../../../kube/admission/validatingpolicy';
import type { KObject } from '../../../../kube/registry/types';
import { StatusError } from '../../../../kube/status';
import type { ResourceCtx } from '../../context';
import { getObject } from '../../store';
import { isDryRun } from '../../handlers/common';
import { paramLookup } from './params';
import { invalidatePolicies, policySnapshot } from './snapshot';

export { invalidatePolicies } from './snapshot';

function attributes(ctx: ResourceCtx, operation: Operation, obj: KObject | null, old: KObject | null): AdmissionAttributes {
  const { def, req, user } = ctx;
  const meta = (obj ?? old)?.metadata;
  return {
    operation,
    kind: { group: def.group, version: def.version, kind: def.kind },
    resource: { group: def.group, version: def.version, resource: def.plural },
    subResource: req.subresource ?? '',
    namespaced: def.namespaced,
    namespace: def.namespaced ? meta?.namespace ?? req.namespace ?? '' : '',
    name: meta?.name ?? req.name ?? '',
    object: obj,
    oldObject: old,
    userInfo: { username: user.name, uid: user.uid, groups: user.groups, extra: user.extra },
    dryRun: isDryRun(ctx),
  };
}

export async function admitValidatingPolicies(ctx: ResourceCtx, operation: Operation, obj: KObject | null, old: KObject | null = null): Promise<void> {
  if (ctx.def.group === 'admissionregistration.k8s.io') {
    // Policies never apply to policy objects themselves (upstream exempts admission configuration), so
    // a broken policy can always be fixed or removed.
    invalidatePolicies();
    return;
  }
  const snap = await policySnapshot(ctx.db);
  if (snap.policies.length === 0) return;
  const a = attributes(ctx, operation, obj, old);
  let ns: Promise<KObject | null> | undefined;
  const namespaceObject = () =>
    (ns ??= getObject(ctx.db, { resource: 'namespaces', namespace: '', name: a.namespace }).then((r) => (r ? (JSON.parse(r.json) as KObject) : null)));
  const out = await evaluatePolicies({ ...snap, namespaceObject, params: paramLookup(ctx) }, a);
  // An update retried after a conflict is admitted again: warn once.
  for (const w of out.warnings) if (!ctx.warnings.includes(w)) ctx.warnings.push(w);
  if (!out.denial) return;
  const message = denialText(out.denial);
  const { def } = ctx;
  throw new StatusError(reasonCode(out.denial.reason), out.denial.reason, `${def.group ? `${def.plural}.${def.group}` : def.plural} "${a.name}" is forbidden: ${message}`, {
    name: a.name,
    group: def.group || undefined,
    kind: def.plural,
    causes: [{ message }],
  });
}
