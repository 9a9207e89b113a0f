import { describe, it, expect } from 'vitest';
import { admit, admitUpdate, unknownFields } from '../testing/helpers';
import { daemonSets } from './index';

const fluentd = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'fluentd-elasticsearch', namespace: 'kube-system', labels: { 'k8s-app': 'fluentd-logging' } },
  spec: {
    selector: { matchLabels: { name: 'fluentd-elasticsearch' } },
    template: {
      metadata: { labels: { name: 'fluentd-elasticsearch' } },
      spec: {
        tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
        containers: [{ name: 'fluentd-elasticsearch', image: 'quay.io/fluentd_elasticsearch/fluentd:v2.5.2', resources: { limits: { memory: '200Mi' }, requests: { cpu: '100m', memory: '200Mi' } }, volumeMounts: [{ name: 'varlog', mountPath: '/var/log' }] }],
        terminationGracePeriodSeconds: 30,
        volumes: [{ name: 'varlog', hostPath: { path: '/var/log' } }],
      },
    },
  },
};

describe('DaemonSet', () => {
  it('accepts the docs example and defaults a 1/0 rolling update', () => {
    const { obj, errors } = admit(daemonSets, fluentd);
    expect(errors).toEqual([]);
    expect(obj.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(obj.spec.revisionHistoryLimit).toBe(10);
  });

  it('accepts a full status and reports unknown fields', () => {
    const ds = structuredClone(fluentd) as any;
    ds.status = { currentNumberScheduled: 1, numberMisscheduled: 0, desiredNumberScheduled: 1, numberReady: 1, observedGeneration: 1, updatedNumberScheduled: 1, numberAvailable: 1, numberUnavailable: 0, collisionCount: 0, conditions: [] };
    expect(admit(daemonSets, ds).errors).toEqual([]);
    ds.spec.replicas = 2;
    expect(unknownFields(daemonSets, ds)).toEqual(['spec.replicas']);
  });

  it('allows either surge or unavailability, not both or neither', () => {
    const ds = structuredClone(fluentd) as any;
    ds.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '10%' } };
    expect(admit(daemonSets, ds).errors).toEqual(['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: "10%": may not be set when maxUnavailable is non-zero']);
    ds.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } };
    expect(admit(daemonSets, ds).errors).toEqual(['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0']);
    ds.spec.updateStrategy = { type: 'Whenever' };
    expect(admit(daemonSets, ds).errors).toEqual(['spec.updateStrategy: Unsupported value: {"type":"Whenever"}: supported values: "RollingUpdate", "OnDelete"']);
  });

  it('reports a missing selector as a template mismatch, as upstream does', () => {
    const ds = structuredClone(fluentd) as any;
    delete ds.spec.selector;
    expect(admit(daemonSets, ds).errors).toEqual(['spec.template.metadata.labels: Invalid value: {"name":"fluentd-elasticsearch"}: `selector` does not match template `labels`']);
  });

  it('keeps the selector immutable', () => {
    const next = structuredClone(fluentd) as any;
    next.spec.selector.matchLabels.extra = 'x';
    next.spec.template.metadata.labels.extra = 'x';
    expect(admitUpdate(daemonSets, fluentd, next)[0]).toMatch(/^spec\.selector: Invalid value: .*: field is immutable$/);
  });
});
