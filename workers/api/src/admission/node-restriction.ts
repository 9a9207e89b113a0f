// NodeRestriction admission: a node identity may create or change only its own Node and Lease, and
// may not give itself labels under node-restriction.kubernetes.io/ (reserved for operators to steer
// workloads by, so a compromised node cannot lure them), as upstream's plugin does.
import { nodeNameOf } from '../../../kube/nodeauth/references';
import type { KObject } from '../../../kube/registry/types';
import { forbidden } from '../../../kube/status';
import type { ResourceCtx } from '../context';

const RESTRICTED_PREFIX = 'node-restriction.kubernetes.io/';

export function admitNodeRestriction(ctx: ResourceCtx, obj: KObject, old?: KObject): void {
  const node = nodeNameOf(ctx.user);
  if (node === undefined) return;
  const { def } = ctx;
  const name = obj.metadata.name ?? '';
  if (def.group === '' && def.kind === 'Node') {
    if (name !== node) throw forbidden(`node "${node}" is not allowed to modify node "${name}"`);
    const before = old?.metadata.labels ?? {};
    const after = obj.metadata.labels ?? {};
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (key.includes(RESTRICTED_PREFIX) && before[key] !== after[key]) {
        throw forbidden(`node "${node}" is not allowed to modify labels: ${key}`);
      }
    }
  }
  if (def.group === 'coordination.k8s.io' && def.kind === 'Lease' && obj.metadata.namespace === 'kube-node-lease' && name !== node) {
    throw forbidden(`node "${node}" is not allowed to modify lease "${name}"`);
  }
}
