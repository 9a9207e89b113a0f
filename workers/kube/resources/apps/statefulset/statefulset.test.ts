import { describe, it, expect } from 'vitest';
import { admit, admitUpdate, unknownFields } from '../testing/helpers';
import { statefulSets } from './index';

// The StatefulSet example from the Kubernetes docs, trimmed.
const web = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web' },
  spec: {
    selector: { matchLabels: { app: 'nginx' } },
    serviceName: 'nginx',
    replicas: 3,
    minReadySeconds: 10,
    template: {
      metadata: { labels: { app: 'nginx' } },
      spec: {
        terminationGracePeriodSeconds: 10,
        containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24', ports: [{ containerPort: 80, name: 'web' }], volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }],
      },
    },
    volumeClaimTemplates: [
      { metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'my-storage-class', resources: { requests: { storage: '1Gi' } } } },
    ],
  },
};

describe('StatefulSet', () => {
  it('accepts the docs example, mounting a claim template volume', () => {
    const { obj, errors } = admit(statefulSets, web);
    expect(errors).toEqual([]);
    expect(obj.spec.podManagementPolicy).toBe('OrderedReady');
    expect(obj.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(obj.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(obj.spec.revisionHistoryLimit).toBe(10);
    expect(obj.spec.minReadySeconds).toBe(10);
    expect(obj.spec.volumeClaimTemplates[0]).toMatchObject({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', spec: { volumeMode: 'Filesystem' }, status: { phase: 'Pending' } });
  });

  it('defaults replicas and leaves an explicit RollingUpdate without pacing alone', () => {
    const s = structuredClone(web) as any;
    delete s.spec.replicas;
    s.spec.updateStrategy = { type: 'RollingUpdate' };
    const { obj } = admit(statefulSets, s);
    expect(obj.spec.replicas).toBe(1);
    expect(obj.spec.updateStrategy).toEqual({ type: 'RollingUpdate' });
  });

  it('reports unknown fields, including inside claim templates', () => {
    const s = structuredClone(web) as any;
    s.spec.volumeClaimTemplates[0].spec.size = '1Gi';
    s.spec.ordinals = { begin: 1 };
    expect(unknownFields(statefulSets, s).sort()).toEqual(['spec.ordinals.begin', 'spec.volumeClaimTemplates.0.spec.size']);
  });

  it('still reports mounts of volumes that neither the pod nor a claim template provide', () => {
    const s = structuredClone(web) as any;
    s.spec.template.spec.containers[0].volumeMounts.push({ name: 'data', mountPath: '/data' });
    expect(admit(statefulSets, s).errors.some((e) => e.includes('volumeMounts[1].name'))).toBe(true);
  });

  it('checks policies and strategies with upstream wording', () => {
    const s = structuredClone(web) as any;
    s.spec.podManagementPolicy = 'Random';
    s.spec.updateStrategy = { type: 'OnDelete', rollingUpdate: { partition: 1 } };
    s.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Keep' };
    s.spec.ordinals = { start: -1 };
    expect(admit(statefulSets, s).errors).toEqual([
      'spec.podManagementPolicy: Invalid value: "Random": must be \'OrderedReady\' or \'Parallel\'',
      'spec.updateStrategy.rollingUpdate: Invalid value: {"partition":1}: only allowed for updateStrategy \'RollingUpdate\'',
      'spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"',
      'spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0',
    ]);
    s.spec = { ...structuredClone(web.spec), updateStrategy: { type: 'Canary' } };
    expect(admit(statefulSets, s).errors).toEqual(['spec.updateStrategy: Invalid value: {"type":"Canary"}: must be \'RollingUpdate\' or \'OnDelete\'']);
    s.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: -1, maxUnavailable: 0 } };
    expect(admit(statefulSets, s).errors).toEqual([
      'spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0',
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0',
    ]);
  });

  it('requires a matching, non-empty selector', () => {
    const s = structuredClone(web) as any;
    s.spec.selector = {};
    expect(admit(statefulSets, s).errors).toEqual(['spec.selector: Invalid value: {}: empty selector is invalid for statefulset']);
    s.spec.selector = { matchLabels: { app: 'db' } };
    expect(admit(statefulSets, s).errors).toEqual(['spec.template.metadata.labels: Invalid value: {"app":"nginx"}: `selector` does not match template `labels`']);
  });

  it('names must be DNS labels', () => {
    expect(statefulSets.nameValidator!('web')).toEqual([]);
    expect(statefulSets.nameValidator!('web.v1').length).toBeGreaterThan(0);
  });

  it('allows updating replicas, template and strategy but nothing else', () => {
    const next = structuredClone(web) as any;
    next.spec.replicas = 5;
    next.spec.template.spec.containers[0].image = 'nginx:2';
    next.spec.updateStrategy = { type: 'OnDelete' };
    next.spec.minReadySeconds = 0;
    expect(admitUpdate(statefulSets, web, next)).toEqual([]);
    next.spec.volumeClaimTemplates[0].spec.resources.requests.storage = '2Gi';
    expect(admitUpdate(statefulSets, web, next)).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });
});
