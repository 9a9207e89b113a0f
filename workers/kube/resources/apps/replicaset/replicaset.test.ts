import { describe, it, expect } from 'vitest';
import { admit, admitUpdate, unknownFields } from '../testing/helpers';
import { replicaSets } from './index';

const frontend = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'frontend', labels: { app: 'guestbook', tier: 'frontend' } },
  spec: {
    selector: { matchLabels: { tier: 'frontend' } },
    template: { metadata: { labels: { tier: 'frontend' } }, spec: { containers: [{ name: 'php-redis', image: 'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5' }] } },
  },
};

describe('ReplicaSet', () => {
  it('accepts the docs example and defaults replicas to 1', () => {
    const { obj, errors } = admit(replicaSets, frontend);
    expect(errors).toEqual([]);
    expect(obj.spec.replicas).toBe(1);
    expect(obj.spec.template.spec.restartPolicy).toBe('Always');
  });

  it('accepts a full status and reports unknown fields', () => {
    const rs = structuredClone(frontend) as any;
    rs.status = { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1, terminatingReplicas: 0, observedGeneration: 1, conditions: [{ type: 'ReplicaFailure', status: 'False' }] };
    expect(admit(replicaSets, rs).errors).toEqual([]);
    rs.spec.templates = {};
    expect(unknownFields(replicaSets, rs)).toEqual(['spec.templates']);
  });

  it('uses upstream wording for selector problems', () => {
    const rs = structuredClone(frontend) as any;
    rs.spec.selector = {};
    expect(admit(replicaSets, rs).errors).toEqual(['spec.selector: Invalid value: {}: empty selector is invalid for deployment']);
    rs.spec.replicas = -2;
    rs.spec.selector = { matchLabels: { tier: 'backend' } };
    expect(admit(replicaSets, rs).errors).toEqual([
      'spec.replicas: Invalid value: -2: must be greater than or equal to 0',
      'spec.template.metadata.labels: Invalid value: {"tier":"frontend"}: `selector` does not match template `labels`',
    ]);
  });

  it('keeps the selector immutable', () => {
    const next = structuredClone(frontend) as any;
    next.spec.selector = { matchExpressions: [{ key: 'tier', operator: 'Exists' }] };
    expect(admitUpdate(replicaSets, frontend, next)).toEqual([
      'spec.selector: Invalid value: {"matchExpressions":[{"key":"tier","operator":"Exists"}]}: field is immutable',
    ]);
  });
});
