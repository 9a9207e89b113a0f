import { describe, it, expect } from 'vitest';
import { scale } from './scale';

describe('autoscaling/v1 Scale', () => {
  it('parses the bodies kubectl scale and the HPA send', () => {
    const body = { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: 'web', namespace: 'default', resourceVersion: '7' }, spec: { replicas: 3 }, status: { replicas: 1, selector: 'app=web' } };
    expect(scale.parse(body)).toEqual(body);
  });

  it('rejects unknown fields and non-integer replicas', () => {
    expect(scale.safeParse({ spec: { replicas: 3, max: 4 } }).success).toBe(false);
    expect(scale.safeParse({ spec: { replicas: 1.5 } }).success).toBe(false);
  });

  it('carries the upstream definition name', () => {
    expect(scale.meta()?.id).toBe('io.k8s.api.autoscaling.v1.Scale');
  });
});
