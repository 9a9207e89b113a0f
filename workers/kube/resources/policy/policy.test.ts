import { describe, it, expect } from 'vitest';
import { admit, unknownFields } from '../apps/testing/helpers';
import { podDisruptionBudgets } from './pdb';
import { eviction } from './eviction';

// What `kubectl create pdb web --selector=app=web --min-available=1 --dry-run=client -o yaml` prints, nulls removed.
const kubectlCreate = {
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'web' },
  spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
  status: { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 },
};

describe('PodDisruptionBudget', () => {
  it('accepts what kubectl create prints, without defaults', () => {
    const { obj, errors } = admit(podDisruptionBudgets, kubectlCreate);
    expect(errors).toEqual([]);
    expect(obj.spec).toEqual(kubectlCreate.spec);
  });

  it('accepts a full status and reports unknown fields', () => {
    const p = structuredClone(kubectlCreate) as any;
    p.spec = { maxUnavailable: '20%', selector: {}, unhealthyPodEvictionPolicy: 'AlwaysAllow' };
    p.status = { observedGeneration: 1, disruptedPods: { 'web-1': '2026-01-01T00:00:00Z' }, disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, conditions: [{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', lastTransitionTime: '2026-01-01T00:00:00Z', observedGeneration: 1 }] };
    expect(admit(podDisruptionBudgets, p).errors).toEqual([]);
    p.spec.minAvaliable = 1;
    expect(unknownFields(podDisruptionBudgets, p)).toEqual(['spec.minAvaliable']);
  });

  it('checks the budget with upstream wording', () => {
    const p = structuredClone(kubectlCreate) as any;
    p.spec = { minAvailable: '120%', maxUnavailable: -1, unhealthyPodEvictionPolicy: 'Never', selector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] } };
    expect(admit(podDisruptionBudgets, p).errors).toEqual([
      'spec: Invalid value: {"minAvailable":"120%","selector":{"matchExpressions":[{"key":"app","operator":"Exists","values":["x"]}]},"maxUnavailable":-1,"unhealthyPodEvictionPolicy":"Never"}: minAvailable and maxUnavailable cannot be both set',
      'spec.minAvailable: Invalid value: "120%": must not be greater than 100%',
      'spec.maxUnavailable: Invalid value: -1: must be greater than or equal to 0',
      "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"',
    ]);
  });

  it('is policy/v1 with the pdb short name and not in the all category', () => {
    expect(podDisruptionBudgets).toMatchObject({ group: 'policy', version: 'v1', shortNames: ['pdb'], status: true });
    expect(podDisruptionBudgets.categories).toBeUndefined();
  });
});

describe('Eviction', () => {
  it('parses what kubectl drain sends', () => {
    const body = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'web-1', namespace: 'default' }, deleteOptions: { gracePeriodSeconds: 30, preconditions: { uid: 'u' }, dryRun: ['All'], propagationPolicy: 'Background' } };
    expect(eviction.parse(body)).toEqual(body);
    expect(eviction.safeParse({ ...body, deleteOptions: { grace: 1 } }).success).toBe(false);
    expect(eviction.meta()?.id).toBe('io.k8s.api.policy.v1.Eviction');
  });
});
