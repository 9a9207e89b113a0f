// Resolving a binding's paramRef to parameter objects (by name, or every object its selector matches).
import type { KObject } from '../../../../kube/registry/types';
import type { ParamLookup } from '../../../../kube/admission/validatingpolicy';
import { matchesLabels, selectorFromLabelSelector } from '../../../../kube/selectors/labels';
import type { ResourceCtx } from '../../context';
import { getObject, listObjects } from '../../store';
import { keyOf } from '../../handlers/common';
import { storageResource } from '../../registry';

export function paramLookup(ctx: ResourceCtx): ParamLookup {
  return async (policy, binding, a) => {
    const pk = policy.policy.spec?.paramKind ?? {};
    const [group, version] = (pk.apiVersion ?? '').includes('/') ? (pk.apiVersion ?? '').split('/') : ['', pk.apiVersion ?? ''];
    const def = ctx.registry.findKind(group, version, pk.kind ?? '');
    if (!def) return { error: `failed to configure binding: paramKind kind \`${pk.kind ?? ''}.${pk.apiVersion ?? ''}\` not known` };
    const ref = binding.spec?.paramRef;
    if (!ref) return { error: `failed to configure binding: paramRef is required when paramKind ${pk.kind ?? ''} is set` };
    let namespace = '';
    if (def.namespaced) {
      namespace = ref.namespace || (a.namespaced ? a.namespace : '');
      if (!namespace) return { error: 'failed to configure binding: cannot use a namespaced paramRef without a namespace for a cluster-scoped request' };
    }
    if (ref.name) {
      const row = await getObject(ctx.db, keyOf(def, namespace, ref.name));
      return { params: row ? [JSON.parse(row.json) as KObject] : [] };
    }
    const sel = selectorFromLabelSelector(ref.selector ?? {});
    const { rows } = await listObjects(ctx.db, { resource: storageResource(def), namespace: def.namespaced ? namespace : undefined });
    return { params: rows.map((r) => JSON.parse(r.json) as KObject).filter((o) => matchesLabels(sel, o.metadata.labels)) };
  };
}
