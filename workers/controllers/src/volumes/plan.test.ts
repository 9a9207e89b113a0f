import { describe, expect, it } from 'vitest';
import { planClaim, planVolume } from './plan';
import { type Claim, type StorageClass, type Volume, LOCAL_PATH_PROVISIONER, SELECTED_NODE } from './types';

const claim = (extra: Partial<NonNullable<Claim['spec']>> = {}, annotations: Record<string, string> = {}): Claim => ({
  metadata: { name: 'data', namespace: 'ns', uid: 'c1', annotations },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: '', ...extra },
});
const volume = (name: string, size: string, extra: Partial<NonNullable<Volume['spec']>> = {}, labels: Record<string, string> = {}): Volume => ({
  metadata: { name, labels },
  spec: { capacity: { storage: size }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], storageClassName: '', hostPath: { path: `/srv/${name}` }, ...extra },
  status: { phase: 'Available' },
});
const localPath: StorageClass = { metadata: { name: 'local-path' }, provisioner: LOCAL_PATH_PROVISIONER, volumeBindingMode: 'WaitForFirstConsumer', reclaimPolicy: 'Delete' };

describe('planClaim', () => {
  it('binds the smallest available volume that fits', () => {
    const a = planClaim(claim(), [volume('big', '10Gi'), volume('small', '2Gi'), volume('tiny', '500Mi')], []);
    expect(a).toMatchObject({ action: 'bind', volume: { metadata: { name: 'small' } } });
  });
  it('respects access modes, class, volume mode and selector', () => {
    const vols = [volume('rwx', '5Gi', { accessModes: ['ReadWriteMany'] }), volume('fast', '5Gi', { storageClassName: 'fast' }), volume('block', '5Gi', { volumeMode: 'Block' }), volume('labelled', '5Gi', {}, { tier: 'gold' })];
    expect(planClaim(claim({ selector: { matchLabels: { tier: 'gold' } } }), vols, [])).toMatchObject({ action: 'bind', volume: { metadata: { name: 'labelled' } } });
    expect(planClaim(claim({ storageClassName: 'fast' }), vols, [])).toMatchObject({ action: 'bind', volume: { metadata: { name: 'fast' } } });
    expect(planClaim(claim({ accessModes: ['ReadWriteMany'] }), vols, [])).toMatchObject({ action: 'bind', volume: { metadata: { name: 'rwx' } } });
    expect(planClaim(claim({ volumeMode: 'Block' }), vols, [])).toMatchObject({ action: 'bind', volume: { metadata: { name: 'block' } } });
    expect(planClaim(claim({ accessModes: ['ReadWriteOncePod'] }), vols, [])).toMatchObject({ action: 'wait' });
  });
  it('prefers a volume reserved for the claim by claimRef', () => {
    const reserved = volume('mine', '100Gi', { claimRef: { namespace: 'ns', name: 'data' } });
    expect(planClaim(claim(), [volume('small', '2Gi'), reserved], [])).toMatchObject({ action: 'bind', volume: { metadata: { name: 'mine' } } });
  });
  it('waits for the first consumer, then provisions a local-path volume pinned to its node', () => {
    expect(planClaim(claim({ storageClassName: 'local-path' }), [], [localPath])).toMatchObject({ action: 'wait', reason: 'WaitForFirstConsumer' });
    const a = planClaim(claim({ storageClassName: 'local-path' }, { [SELECTED_NODE]: 'n1' }), [], [localPath]);
    expect(a.action).toBe('provision');
    const v = (a as { volume: Volume }).volume;
    expect(v.metadata.name).toBe('pvc-c1');
    expect(v.spec).toMatchObject({ storageClassName: 'local-path', persistentVolumeReclaimPolicy: 'Delete', claimRef: { name: 'data', uid: 'c1' }, capacity: { storage: '1Gi' } });
    expect(v.spec?.nodeAffinity?.required?.nodeSelectorTerms[0].matchExpressions?.[0]).toEqual({ key: 'kubernetes.io/hostname', operator: 'In', values: ['n1'] });
  });
  it('explains a claim nothing can satisfy', () => {
    expect(planClaim(claim(), [], [])).toEqual({ action: 'wait', reason: 'FailedBinding', message: 'no persistent volumes available for this claim and no storage class is set' });
    expect(planClaim(claim({ storageClassName: 'gone' }), [], [])).toMatchObject({ reason: 'FailedBinding', message: 'storageclass.storage.k8s.io "gone" not found' });
  });
  it('marks a bound claim whose volume vanished Lost', () => {
    expect(planClaim(claim({ volumeName: 'gone' }), [], [])).toEqual({ action: 'status', phase: 'Lost' });
  });
});

describe('planVolume', () => {
  const bound = (policy: string) => volume('v', '1Gi', { claimRef: { namespace: 'ns', name: 'data', uid: 'c1' }, persistentVolumeReclaimPolicy: policy });
  it('is Bound while its claim points back at it', () => {
    expect(planVolume(bound('Retain'), [claim({ volumeName: 'v' })])).toEqual({ action: 'phase', phase: 'Bound' });
  });
  it('is Released (Retain) or deleted (Delete) once its claim is gone', () => {
    expect(planVolume(bound('Retain'), [])).toEqual({ action: 'phase', phase: 'Released' });
    expect(planVolume(bound('Delete'), [])).toEqual({ action: 'delete' });
  });
  it('stays Available when free', () => {
    expect(planVolume(volume('v', '1Gi'), [])).toEqual({ action: 'none' });
  });
});
