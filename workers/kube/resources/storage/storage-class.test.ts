import { describe, it, expect } from 'vitest';
import { admit, lines } from '../networking/admit.testing';
import { storageClass } from './storage-class';

const standard = () => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
  provisioner: 'ebs.csi.aws.com',
  parameters: { type: 'gp3', encrypted: 'true' },
  mountOptions: ['debug'],
  allowVolumeExpansion: true,
  allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['us-east-1a', 'us-east-1b'] }] }],
});

describe('StorageClass', () => {
  it('defaults reclaimPolicy and volumeBindingMode', () => {
    const r = admit(storageClass, standard());
    expect(r.issues).toEqual([]);
    expect(r.causes).toEqual([]);
    expect(r.obj).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
    expect(storageClass.shortNames).toEqual(['sc']);
    expect(storageClass.namespaced).toBe(false);
  });

  it('requires a provisioner and checks enums', () => {
    const m: any = standard();
    m.provisioner = '';
    m.reclaimPolicy = 'Recycle';
    m.volumeBindingMode = 'Later';
    expect(lines(admit(storageClass, m))).toEqual([
      'provisioner: Required value',
      'reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"',
      'volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"',
    ]);
    expect(admit(storageClass, { metadata: { name: 'x' } }).issues[0]?.path).toEqual(['provisioner']);
  });

  it('rejects duplicate topology terms and empty values', () => {
    const m: any = standard();
    m.allowedTopologies.push({ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['us-east-1b', 'us-east-1a'] }] });
    m.allowedTopologies.push({ matchLabelExpressions: [{ key: 'zone', values: [] }] });
    expect(lines(admit(storageClass, m))).toEqual([
      'allowedTopologies[1].matchLabelExpressions: Duplicate value: ""',
      'allowedTopologies[2].matchLabelExpressions[0].values: Required value: must specify as least one value',
    ]);
  });

  it('keeps provisioner, parameters, reclaimPolicy and binding mode immutable', () => {
    const old = admit(storageClass, standard()).obj!;
    const m: any = standard();
    m.provisioner = 'pd.csi.storage.gke.io';
    m.parameters = { type: 'gp2' };
    m.reclaimPolicy = 'Retain';
    m.volumeBindingMode = 'WaitForFirstConsumer';
    m.allowVolumeExpansion = false;
    expect(lines(admit(storageClass, m, old))).toEqual([
      'parameters: Forbidden: updates to parameters are forbidden.',
      'provisioner: Forbidden: updates to provisioner are forbidden.',
      'reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.',
      'volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable',
    ]);
    const ok: any = standard();
    ok.allowVolumeExpansion = false;
    ok.mountOptions = [];
    expect(admit(storageClass, ok, old).causes).toEqual([]);
  });

  it('detects unknown fields', () => {
    const m: any = standard();
    m.spec = {};
    expect(admit(storageClass, m).issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['spec'] });
  });
});
