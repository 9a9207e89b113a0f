import { describe, it, expect } from 'vitest';
import { podResource as def, type Pod } from './index';
import { create, update, reasons } from '../test-helpers';

const manifest = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-0', namespace: 'default', labels: { app: 'web' } },
  spec: {
    containers: [
      {
        name: 'web',
        image: 'nginx',
        ports: [{ containerPort: 8080, name: 'http' }],
        resources: { limits: { cpu: '500m', memory: '256Mi' } },
        readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
        volumeMounts: [{ name: 'cache', mountPath: '/cache' }],
      },
    ],
    volumes: [{ name: 'cache' }],
    tolerations: [{ key: 'a', operator: 'Equal', value: 'b', effect: 'NoSchedule' }],
  },
};

describe('Pod', () => {
  it('creates with upstream defaults and a computed QoS class', () => {
    const { obj, errs } = create(def, manifest);
    expect(errs.causes).toEqual([]);
    expect(obj.status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
    expect(obj.spec).toMatchObject({ enableServiceLinks: true, restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler' });
    const c = obj.spec.containers[0];
    expect(c.imagePullPolicy).toBe('Always'); // untagged means latest
    expect(c.resources?.requests).toEqual({ cpu: '500m', memory: '256Mi' });
    expect(obj.spec.volumes?.[0].emptyDir).toEqual({});
  });

  it('computes Burstable and BestEffort', () => {
    const burst = structuredClone(manifest) as any;
    burst.spec.containers[0].resources = { requests: { cpu: '100m' } };
    expect(create(def, burst).obj.status?.qosClass).toBe('Burstable');
    const best = structuredClone(manifest) as any;
    delete best.spec.containers[0].resources;
    expect(create(def, best).obj.status?.qosClass).toBe('BestEffort');
  });

  it('rejects unknown fields', () => {
    const bad = structuredClone(manifest) as any;
    bad.spec.containers[0].imagePolicy = 'Always';
    const r = def.schema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['imagePolicy'] });
  });

  it('exposes field selector values', () => {
    const { obj } = create(def, manifest);
    obj.spec.nodeName = 'n1';
    expect(def.fields?.(obj)).toMatchObject({ 'spec.nodeName': 'n1', 'status.phase': 'Pending', 'spec.hostNetwork': 'false', 'spec.restartPolicy': 'Always' });
  });

  it('reports enum and probe problems', () => {
    const bad = structuredClone(manifest) as any;
    bad.spec.dnsPolicy = 'Cluster';
    bad.spec.containers[0].livenessProbe = { successThreshold: 2, exec: { command: ['true'] } };
    bad.spec.containers[0].imagePullPolicy = 'Sometimes';
    const { errs } = create(def, bad);
    expect(reasons(errs)).toEqual({
      'spec.dnsPolicy': 'FieldValueNotSupported',
      'spec.containers[0].imagePullPolicy': 'FieldValueNotSupported',
      'spec.containers[0].livenessProbe.successThreshold': 'FieldValueInvalid',
    });
    expect(errs.causes.find((c) => c.field === 'spec.dnsPolicy')?.message).toBe('Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"');
  });

  it('allows image, deadline and toleration additions on update', () => {
    const old = create(def, manifest).obj;
    const next = structuredClone(old) as Pod;
    next.spec.containers[0].image = 'nginx:1.27';
    next.spec.activeDeadlineSeconds = 600;
    next.spec.tolerations = [...(next.spec.tolerations ?? []), { key: 'c', operator: 'Exists' }];
    expect(update(def, old, next).causes).toEqual([]);
  });

  it('rejects other spec changes', () => {
    const old = create(def, manifest).obj;
    const next = structuredClone(old) as Pod;
    next.spec.containers[0].ports = [{ containerPort: 9090 }];
    next.spec.terminationGracePeriodSeconds = 5;
    next.spec.tolerations = [];
    const errs = update(def, old, next);
    expect(reasons(errs)).toEqual({ spec: 'FieldValueForbidden', 'spec.tolerations': 'FieldValueForbidden' });
    expect(errs.causes[0].message).toContain('pod updates may not change fields other than');
  });
});
