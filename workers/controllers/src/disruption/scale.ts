// The expected pod count of a budget with a percentage or maxUnavailable: the replicas of the
// controllers that own its pods (a Deployment through its ReplicaSets), each counted once.
import type { BudgetPod } from '../../../kube/disruption/budget';
import type { Cache } from '../runtime/cache';
import { controllerOf } from '../controllers/common/controller-ref';
import type { KObject } from '../controllers/common/types';

type Scaled = KObject & { spec?: { replicas?: number } };

const replicasOf = (o: Scaled | undefined) => o?.spec?.replicas ?? 1;

/** The summed scale, or undefined when a covered pod has no controller this controller understands. */
export function controllerScale(pods: BudgetPod[], cache: Cache): number | undefined {
  const seen = new Set<string>();
  let total = 0;
  for (const pod of pods) {
    const ref = controllerOf(pod);
    if (!ref) return undefined;
    const ns = pod.metadata.namespace ?? '';
    let owner: Scaled | undefined;
    if (ref.kind === 'ReplicaSet') {
      const rs = cache.get('apps/replicasets', `${ns}/${ref.name}`) as Scaled | undefined;
      const dref = rs && controllerOf(rs);
      owner = dref?.kind === 'Deployment' ? (cache.get('apps/deployments', `${ns}/${dref.name}`) as Scaled | undefined) : rs;
    } else if (ref.kind === 'StatefulSet') {
      owner = cache.get('apps/statefulsets', `${ns}/${ref.name}`) as Scaled | undefined;
    } else {
      return undefined;
    }
    if (!owner?.metadata.uid) return undefined;
    if (seen.has(owner.metadata.uid)) continue;
    seen.add(owner.metadata.uid);
    total += replicasOf(owner);
  }
  return total;
}
