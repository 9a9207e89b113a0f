import { describe, it, expect } from 'vitest';
import { admit, admitUpdate, unknownFields } from '../testing/helpers';
import { deployments } from './index';

// What `kubectl create deployment web --image=nginx --dry-run=client -o yaml` prints, nulls removed.
const kubectlCreate = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { labels: { app: 'web' }, name: 'web' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    strategy: {},
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ image: 'nginx', name: 'nginx', resources: {} }] },
    },
  },
  status: {},
};

describe('Deployment', () => {
  it('accepts what kubectl create prints and defaults it as upstream does', () => {
    const { obj, errors } = admit(deployments, kubectlCreate);
    expect(errors).toEqual([]);
    expect(obj.spec.replicas).toBe(1);
    expect(obj.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    expect(obj.spec.revisionHistoryLimit).toBe(10);
    expect(obj.spec.progressDeadlineSeconds).toBe(600);
    expect(obj.spec.template.spec.restartPolicy).toBe('Always');
    expect(obj.spec.template.spec.dnsPolicy).toBe('ClusterFirst');
  });

  it('accepts every spec field and a full status', () => {
    const full = structuredClone(kubectlCreate) as any;
    Object.assign(full.spec, { minReadySeconds: 5, paused: true, progressDeadlineSeconds: 30, revisionHistoryLimit: 2 });
    full.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
    full.status = {
      observedGeneration: 3, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1, unavailableReplicas: 0,
      terminatingReplicas: 0, collisionCount: 0,
      conditions: [{ type: 'Available', status: 'True', lastUpdateTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'MinimumReplicasAvailable', message: 'ok' }],
    };
    expect(admit(deployments, full).errors).toEqual([]);
  });

  it('keeps an explicit Recreate strategy without adding rollingUpdate', () => {
    const d = structuredClone(kubectlCreate) as any;
    d.spec.strategy = { type: 'Recreate' };
    const { obj, errors } = admit(deployments, d);
    expect(errors).toEqual([]);
    expect(obj.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('reports unknown fields', () => {
    const d = structuredClone(kubectlCreate) as any;
    d.spec.replica = 3;
    d.spec.strategy.rollingUpdate = { maxSurge: 1, maxUnavilable: 1 };
    expect(unknownFields(deployments, d).sort()).toEqual(['spec.replica', 'spec.strategy.rollingUpdate.maxUnavilable']);
  });

  it('requires a selector, as upstream words it', () => {
    const d = structuredClone(kubectlCreate) as any;
    delete d.spec.selector;
    expect(admit(deployments, d).errors).toEqual([
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('rejects a selector that does not match the template labels', () => {
    const d = structuredClone(kubectlCreate) as any;
    d.spec.selector = { matchLabels: { app: 'other' } };
    expect(admit(deployments, d).errors).toEqual([
      'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('rejects an empty selector and bad selector expressions', () => {
    const d = structuredClone(kubectlCreate) as any;
    d.spec.selector = {};
    expect(admit(deployments, d).errors).toEqual(['spec.selector: Invalid value: {}: empty selector is invalid for deployment']);
    d.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In' }] };
    expect(admit(deployments, d).errors).toContain(
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    );
  });

  it('matches template labels through matchExpressions', () => {
    const d = structuredClone(kubectlCreate) as any;
    d.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }, { key: 'tier', operator: 'DoesNotExist' }] };
    expect(admit(deployments, d).errors).toEqual([]);
  });

  it('checks replicas, strategy and deadlines', () => {
    const d = structuredClone(kubectlCreate) as any;
    d.spec.replicas = -1;
    d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } };
    d.spec.minReadySeconds = 700;
    expect(admit(deployments, d).errors).toEqual([
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0',
      'spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds',
    ]);
    d.spec.replicas = 1;
    d.spec.minReadySeconds = 0;
    d.spec.strategy = { type: 'Blue' };
    expect(admit(deployments, d).errors).toEqual(['spec.strategy: Unsupported value: {"type":"Blue"}: supported values: "Recreate", "RollingUpdate"']);
    d.spec.strategy = { type: 'Recreate', rollingUpdate: {} };
    expect(admit(deployments, d).errors).toEqual(["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"]);
    d.spec.strategy = { rollingUpdate: { maxUnavailable: '150%', maxSurge: 'x' } };
    expect(admit(deployments, d).errors).toEqual([
      "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"x\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%',
    ]);
  });

  it('only runs pods that restart Always', () => {
    const d = structuredClone(kubectlCreate) as any;
    d.spec.template.spec.restartPolicy = 'Never';
    d.spec.template.spec.activeDeadlineSeconds = 5;
    expect(admit(deployments, d).errors).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
    ]);
  });

  it('validates the pod template', () => {
    const d = structuredClone(kubectlCreate) as any;
    d.spec.template.spec.containers = [];
    d.spec.template.metadata.labels['bad key!'] = 'x';
    d.spec.selector = { matchLabels: { app: 'web' } };
    const { errors } = admit(deployments, d);
    expect(errors.some((e) => e.startsWith('spec.template.labels: Invalid value: "bad key!"'))).toBe(true);
    expect(errors.some((e) => e.startsWith('spec.template.spec.containers'))).toBe(true);
  });

  it('rejects a selector change on update and allows other changes', () => {
    const next = structuredClone(kubectlCreate) as any;
    next.spec.selector = { matchLabels: { app: 'web', tier: 'x' } };
    next.spec.template.metadata.labels.tier = 'x';
    expect(admitUpdate(deployments, kubectlCreate, next)).toEqual([
      'spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"x"}}: field is immutable',
    ]);
    const scaled = structuredClone(kubectlCreate) as any;
    scaled.spec.replicas = 5;
    scaled.spec.selector = { matchLabels: { app: 'web' }, matchExpressions: [] };
    expect(admitUpdate(deployments, kubectlCreate, scaled)).toEqual([]);
  });

  it('describes itself to the registry', () => {
    expect(deployments).toMatchObject({ group: 'apps', version: 'v1', plural: 'deployments', shortNames: ['deploy'], categories: ['all'], status: true, generation: 'spec' });
    expect(deployments.scale).toEqual({ specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' });
  });
});
