// Decisions of the volume binding controller (upstream's PV controller, simplified): what a claim needs
// (wait, bind, provision, or nothing) and what phase a volume is in (Available, Bound, Released).
import { classOf, findVolume } from './match';
import { provisionedVolume, provisionsFor } from './provision';
import { type Claim, type StorageClass, type Volume, SELECTED_NODE } from './types';

export type ClaimAction =
  | { action: 'none' }
  | { action: 'status'; phase: 'Bound' | 'Lost'; volume?: Volume }
  | { action: 'wait'; reason: string; message: string }
  | { action: 'bind'; volume: Volume }
  | { action: 'provision'; volume: Volume };

export function planClaim(c: Claim, volumes: Volume[], classes: StorageClass[]): ClaimAction {
  if (c.metadata.deletionTimestamp) return { action: 'none' };
  const bound = c.spec?.volumeName;
  if (bound) {
    const v = volumes.find((x) => x.metadata.name === bound);
    if (!v) return c.status?.phase === 'Lost' ? { action: 'none' } : { action: 'status', phase: 'Lost' };
    const ref = v.spec?.claimRef;
    // Bound both ways: only the claim's status may lag.
    if (ref?.uid === c.metadata.uid) return c.status?.phase === 'Bound' ? { action: 'none' } : { action: 'status', phase: 'Bound', volume: v };
    // The claim names a volume not yet pointing back at it (pre-bound by the user): bind it.
    if (!ref) return { action: 'bind', volume: v };
    return { action: 'wait', reason: 'FailedBinding', message: `volume "${bound}" already bound to a different claim.` };
  }
  const v = findVolume(c, volumes);
  if (v) return { action: 'bind', volume: v };
  const className = classOf(c);
  const cls = classes.find((s) => s.metadata.name === className);
  if (!className || !cls) {
    return { action: 'wait', reason: 'FailedBinding', message: className ? `storageclass.storage.k8s.io "${className}" not found` : 'no persistent volumes available for this claim and no storage class is set' };
  }
  if (cls.volumeBindingMode === 'WaitForFirstConsumer' && !c.metadata.annotations?.[SELECTED_NODE]) {
    return { action: 'wait', reason: 'WaitForFirstConsumer', message: 'waiting for first consumer to be created before binding' };
  }
  if (!provisionsFor(cls)) {
    return { action: 'wait', reason: 'ExternalProvisioning', message: `Waiting for a volume to be created either by the external provisioner '${cls.provisioner}' or manually by the system administrator.` };
  }
  return { action: 'provision', volume: provisionedVolume(c, cls) };
}

export type VolumeAction = { action: 'none' } | { action: 'phase'; phase: 'Available' | 'Bound' | 'Released' } | { action: 'delete' };

export function planVolume(v: Volume, claims: Claim[]): VolumeAction {
  if (v.metadata.deletionTimestamp) return { action: 'none' };
  const ref = v.spec?.claimRef;
  const phase = v.status?.phase;
  const want = (p: 'Available' | 'Bound' | 'Released'): VolumeAction => (phase === p ? { action: 'none' } : { action: 'phase', phase: p });
  if (!ref) return want('Available');
  const claim = claims.find((c) => c.metadata.namespace === ref.namespace && c.metadata.name === ref.name);
  if (claim && (!ref.uid || claim.metadata.uid === ref.uid)) return claim.spec?.volumeName === v.metadata.name ? want('Bound') : { action: 'none' };
  // Reserved for a claim not yet created (no uid): wait for it.
  if (!ref.uid) return want('Available');
  // Its claim is gone: apply the reclaim policy.
  if ((v.spec?.persistentVolumeReclaimPolicy ?? 'Retain') === 'Delete') return { action: 'delete' };
  return want('Released');
}
