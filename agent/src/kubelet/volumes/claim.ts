// A persistentVolumeClaim volume on this node: the claim must be bound, and its PersistentVolume must
// be one a node can mount by itself: hostPath or local. Cloud, NFS and CSI volumes need attachers.
import { stat } from 'node:fs/promises';
import type { ObjectSource } from '../objects';
import { checkHostPath } from './host-path';

/**
 * The host path behind a claim. `ownerPod` is set for generic ephemeral volumes, whose claim must
 * have been created for this pod (a same-named claim of someone else's is refused, as upstream).
 */
export async function claimHostPath(objects: ObjectSource, ns: string, claimName: string, ownerPod?: { name: string; uid: string }): Promise<string> {
  const pvc = await objects.getPersistentVolumeClaim(ns, claimName);
  if (!pvc) throw new Error(`persistentvolumeclaim "${claimName}" not found`);
  if (ownerPod && !pvc.metadata.ownerReferences?.some((r) => r.controller && r.uid === ownerPod.uid)) {
    throw new Error(`PVC ${ns}/${claimName} was not created for pod ${ns}/${ownerPod.name} (pod is not owner)`);
  }
  const phase = pvc.status?.phase ?? '';
  const volumeName = pvc.spec?.volumeName ?? '';
  if (phase !== 'Bound' || !volumeName) {
    throw new Error(
      `pod has unbound immediate PersistentVolumeClaims: PVC ${ns}/${claimName} has non-bound phase (${JSON.stringify(phase)}) or empty pvc.Spec.VolumeName (${JSON.stringify(volumeName)})`,
    );
  }
  const pv = await objects.getPersistentVolume(volumeName);
  if (!pv) throw new Error(`persistentvolume "${volumeName}" not found`);
  const ref = pv.spec?.claimRef;
  if (ref && (ref.name !== claimName || (ref.namespace ?? ns) !== ns || (ref.uid && pvc.metadata.uid && ref.uid !== pvc.metadata.uid))) {
    throw new Error(`persistentvolume "${volumeName}" is bound to claim ${ref.namespace}/${ref.name}, not ${ns}/${claimName}`);
  }
  if (pv.spec?.hostPath) {
    await checkHostPath(pv.spec.hostPath.path, pv.spec.hostPath.type);
    return pv.spec.hostPath.path;
  }
  if (pv.spec?.local) {
    const p = pv.spec.local.path;
    if (!(await stat(p).catch(() => null))) throw new Error(`local volume path "${p}" does not exist on this node`);
    return p;
  }
  throw new Error(`persistentvolume "${volumeName}" has no hostPath or local source; this node mounts only those`);
}
