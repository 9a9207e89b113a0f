import { describe, it, expect } from 'vitest';
import { persistentVolumeResource as pvDef } from './pv';
import { persistentVolumeClaimResource as pvcDef } from './pvc';
import { create, update, reasons } from './test-helpers';

const pv = {
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name: 'pv-1' },
  spec: {
    capacity: { storage: '10Gi' },
    accessModes: ['ReadWriteOnce'],
    storageClassName: 'local',
    local: { path: '/mnt/disks/ssd1' },
    nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['n1'] }] }] } },
  },
};

const pvc = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'default' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard' },
};

describe('PersistentVolume', () => {
  it('defaults reclaim policy, volume mode and phase', () => {
    const { obj, errs } = create(pvDef, pv);
    expect(errs.causes).toEqual([]);
    expect(obj.spec).toMatchObject({ persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
    expect(obj.status).toEqual({ phase: 'Pending' });
  });

  it('accepts CSI and loose cloud sources, requires exactly one', () => {
    const csi = { ...pv, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteMany'], csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-1', nodeStageSecretRef: { name: 's', namespace: 'kube-system' } } } };
    expect(create(pvDef, csi).errs.causes).toEqual([]);
    const two = { ...pv, spec: { ...csi.spec, awsElasticBlockStore: { volumeID: 'vol-1', anyField: true } } };
    expect(reasons(create(pvDef, two).errs)).toEqual({ 'spec.awsElasticBlockStore': 'FieldValueForbidden' });
    const none = { ...pv, spec: { capacity: { storage: '1Gi' } } };
    expect(reasons(create(pvDef, none).errs)).toEqual({ 'spec.accessModes': 'FieldValueRequired', spec: 'FieldValueRequired' });
  });

  it('keeps the source immutable', () => {
    const old = create(pvDef, pv).obj;
    const next = structuredClone(old);
    next.spec!.local = { path: '/other' };
    expect(reasons(update(pvDef, old, next))).toEqual({ 'spec.persistentvolumesource': 'FieldValueForbidden' });
  });
});

describe('PersistentVolumeClaim', () => {
  it('defaults volume mode and phase', () => {
    const { obj, errs } = create(pvcDef, pvc);
    expect(errs.causes).toEqual([]);
    expect(obj.spec?.volumeMode).toBe('Filesystem');
    expect(obj.status).toEqual({ phase: 'Pending' });
  });

  it('requires access modes and a storage request', () => {
    const { errs } = create(pvcDef, { metadata: { name: 'x' }, spec: {} });
    expect(reasons(errs)).toEqual({ 'spec.accessModes': 'FieldValueRequired', 'spec.resources[storage]': 'FieldValueRequired' });
  });

  it('allows growing the request, nothing else', () => {
    const old = create(pvcDef, pvc).obj;
    const grow = structuredClone(old);
    grow.spec!.resources = { requests: { storage: '2Gi' } };
    expect(update(pvcDef, old, grow).causes).toEqual([]);
    const bind = structuredClone(old);
    bind.spec!.volumeName = 'pv-1';
    expect(update(pvcDef, old, bind).causes).toEqual([]);
    const cls = structuredClone(old);
    cls.spec!.storageClassName = 'fast';
    expect(reasons(update(pvcDef, old, cls))).toEqual({ spec: 'FieldValueForbidden' });
  });
});
