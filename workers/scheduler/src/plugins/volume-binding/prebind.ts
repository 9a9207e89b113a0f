// PreBind for VolumeBinding: before a pod with unbound WaitForFirstConsumer claims is bound, each claim
// is annotated with the chosen node, so the provisioner (or the binder) makes its volume there. Upstream
// then waits for the claims to bind; here the kubelet waits instead (its volume set-up retries until the
// claim is bound), which keeps the scheduler's binding path short.
import type { ApiClient } from '../../../../kube/client';
import { StatusError } from '../../../../kube/status';
import type { Snapshot } from '../../framework/snapshot';
import type { Pod } from '../../framework/types';
import { podClaimNames } from '.';
import { SELECTED_NODE } from './types';

export async function preBindVolumes(api: ApiClient, snapshot: Snapshot, pod: Pod, node: string): Promise<void> {
  const ns = pod.metadata.namespace ?? 'default';
  for (const n of podClaimNames(pod)) {
    const claim = snapshot.volumes?.claim(ns, n);
    if (!claim || claim.spec?.volumeName || claim.metadata.annotations?.[SELECTED_NODE] === node) continue;
    const cls = claim.spec?.storageClassName ? snapshot.volumes?.storageClass(claim.spec.storageClassName) : undefined;
    if (cls?.volumeBindingMode !== 'WaitForFirstConsumer') continue;
    try {
      const annotations: Record<string, string> = { [SELECTED_NODE]: node };
      if (cls.provisioner) annotations['volume.kubernetes.io/storage-provisioner'] = cls.provisioner;
      await api.patch(`/api/v1/namespaces/${encodeURIComponent(ns)}/persistentvolumeclaims/${encodeURIComponent(n)}`, { metadata: { annotations } });
    } catch (e) {
      // Deleted meanwhile: the kubelet reports the missing claim.
      if (!(e instanceof StatusError && e.code === 404)) throw e;
    }
  }
}
