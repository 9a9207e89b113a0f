// policy/v1 PodDisruptionBudget: how many pods of a set may be evicted at once.
import { z } from 'zod';
import type { ResourceDef } from '../../registry/types';
import { condition, int32, int64, intOrString, kobject, labelSelector, mapList, time } from '../../schemas/meta';
import { FieldErrors } from '../../validation/field-errors';
import { nonNegative, notMoreThan100Percent, oneOf, positiveIntOrPercent } from '../apps/common/checks';
import { validateLabelSelector } from '../apps/common/selector';
import type { Stored } from '../apps/common/types';
import { opt } from '../apps/common/util';

export const policyId = (name: string) => `io.k8s.api.policy.v1.${name}`;

export const podDisruptionBudgetSpec = z
  .strictObject({
    minAvailable: opt(intOrString(), 'Pods (number or percentage) that must stay available; exclusive with maxUnavailable.'),
    selector: opt(labelSelector, 'Pods covered by the budget; an empty selector covers every pod in the namespace.'),
    maxUnavailable: opt(intOrString(), 'Pods (number or percentage) that may be unavailable; exclusive with minAvailable.'),
    unhealthyPodEvictionPolicy: opt(z.string(), 'IfHealthyBudget (the default) or AlwaysAllow: when not-ready pods may be evicted.'),
  })
  .meta({ id: policyId('PodDisruptionBudgetSpec'), description: 'The desired disruption limits.' });

export const podDisruptionBudgetStatus = z
  .strictObject({
    observedGeneration: opt(int64(), 'The generation the controller last acted on.'),
    disruptedPods: opt(z.record(z.string(), time()), 'Pods being evicted, by name, with when the eviction was allowed.'),
    disruptionsAllowed: opt(int32(), 'Evictions allowed right now.'),
    currentHealthy: opt(int32(), 'Healthy pods now.'),
    desiredHealthy: opt(int32(), 'Fewest healthy pods wanted.'),
    expectedPods: opt(int32(), 'Pods covered by the budget.'),
    conditions: opt(mapList(condition, 'type'), 'Latest observations, e.g. DisruptionAllowed.'),
  })
  .meta({ id: policyId('PodDisruptionBudgetStatus'), description: 'The observed state of a disruption budget.' });

export const podDisruptionBudget = kobject(policyId('PodDisruptionBudget'), 'Limits how many pods of a group voluntary disruptions (evictions) may take down at once.', {
  spec: opt(podDisruptionBudgetSpec, 'Desired disruption limits.'),
  status: opt(podDisruptionBudgetStatus, 'Most recently observed state; written by the system.'),
});

export type PodDisruptionBudget = z.infer<typeof podDisruptionBudget>;

export function validatePodDisruptionBudget(pdb: PodDisruptionBudget, errs: FieldErrors) {
  const spec = pdb.spec ?? {};
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined)
    errs.invalid('spec', spec, 'minAvailable and maxUnavailable cannot be both set');
  for (const k of ['minAvailable', 'maxUnavailable'] as const) {
    positiveIntOrPercent(errs, `spec.${k}`, spec[k]);
    notMoreThan100Percent(errs, `spec.${k}`, spec[k]);
  }
  validateLabelSelector(spec.selector, 'spec.selector', errs);
  oneOf(errs, 'spec.unhealthyPodEvictionPolicy', spec.unhealthyPodEvictionPolicy, ['AlwaysAllow', 'IfHealthyBudget']);
  const st = pdb.status;
  if (st) for (const k of ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods'] as const) nonNegative(errs, `status.${k}`, st[k]);
}

export const podDisruptionBudgets: ResourceDef<Stored<PodDisruptionBudget>> = {
  group: 'policy',
  version: 'v1',
  kind: 'PodDisruptionBudget',
  plural: 'poddisruptionbudgets',
  singular: 'poddisruptionbudget',
  namespaced: true,
  shortNames: ['pdb'],
  schema: podDisruptionBudget,
  status: true,
  generation: 'spec',
  validate: validatePodDisruptionBudget,
};
