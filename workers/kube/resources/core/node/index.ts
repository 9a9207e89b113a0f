// The Node resource.
import type { KObject, ResourceDef } from '../../../registry/types';
import { dns1123Subdomain, qualifiedName } from '../../../validation/names';
import { enumValue, resourceListValues } from '../common/checks';
import { node, type NodeSpec, type NodeStatus } from './schema';

export { node, taint } from './schema';

interface Node extends KObject {
  spec?: NodeSpec;
  status?: NodeStatus;
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

export const nodeResource: ResourceDef<Node> = {
  group: '',
  version: 'v1',
  kind: 'Node',
  plural: 'nodes',
  singular: 'node',
  namespaced: false,
  shortNames: ['no'],
  schema: node,
  status: true,
  generation: 'none',
  nameValidator: dns1123Subdomain,
  defaults(obj) {
    // Until the kubelet reports allocatable, everything it has is allocatable.
    const st = obj.status;
    if (st?.capacity && !st.allocatable) st.allocatable = { ...st.capacity };
  },
  validate(obj, errs) {
    const seen = new Set<string>();
    (obj.spec?.taints ?? []).forEach((t, i) => {
      const tp = `spec.taints[${i}]`;
      for (const m of qualifiedName(t.key)) errs.invalid(`${tp}.key`, t.key, m);
      enumValue(errs, `${tp}.effect`, t.effect, TAINT_EFFECTS);
      if (!t.effect) errs.required(`${tp}.effect`);
      const id = `${t.key}:${t.effect}`;
      if (seen.has(id)) errs.duplicate(`${tp}`, `${t.key}:${t.effect}`);
      seen.add(id);
    });
    resourceListValues(errs, 'status.capacity', obj.status?.capacity);
    resourceListValues(errs, 'status.allocatable', obj.status?.allocatable);
  },
  validateUpdate(obj, old, errs) {
    // Once allocated, pod CIDRs are fixed.
    const was = old.spec?.podCIDR;
    if (was && obj.spec?.podCIDR !== was) errs.forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid');
  },
  fields(obj) {
    return { 'spec.unschedulable': String(obj.spec?.unschedulable ?? false) };
  },
};
