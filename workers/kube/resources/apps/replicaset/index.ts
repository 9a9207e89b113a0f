// The ReplicaSet resource (apps/v1).
import type { ResourceDef } from '../../../registry/types';
import { nonNegative } from '../common/checks';
import { validateWorkloadSelector } from '../common/selector';
import { checkLongRunningPods, checkSelectorMatchesTemplate, defaultPodTemplate, validatePodTemplate } from '../common/template';
import type { Stored } from '../common/types';
import { validateSelectorUpdate } from '../deployment/validate';
import { replicaSet, type ReplicaSet } from './schema';
import { FieldErrors } from '../../../validation/field-errors';

export { replicaSet } from './schema';
export type { ReplicaSet } from './schema';

export function defaultReplicaSet(rs: ReplicaSet) {
  const spec = (rs.spec ??= {});
  spec.replicas ??= 1;
  defaultPodTemplate(spec);
}

export function validateReplicaSet(rs: ReplicaSet, errs: FieldErrors) {
  const spec = rs.spec ?? {};
  nonNegative(errs, 'spec.replicas', spec.replicas);
  nonNegative(errs, 'spec.minReadySeconds', spec.minReadySeconds);
  // Upstream says "deployment" here too: the check is shared with Deployment.
  validateWorkloadSelector(spec.selector, 'spec.selector', 'deployment', errs);
  checkSelectorMatchesTemplate(spec.selector, spec.template, 'spec.template', errs);
  validatePodTemplate(spec.template, 'spec.template', errs);
  checkLongRunningPods(spec.template, 'spec.template', 'ReplicaSet', errs);
}

export const replicaSets: ResourceDef<Stored<ReplicaSet>> = {
  group: 'apps',
  version: 'v1',
  kind: 'ReplicaSet',
  plural: 'replicasets',
  singular: 'replicaset',
  namespaced: true,
  shortNames: ['rs'],
  categories: ['all'],
  schema: replicaSet,
  status: true,
  // The /scale handler derives Scale.status.selector from .spec.selector.
  scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' },
  generation: 'spec',
  defaults: defaultReplicaSet,
  validate: validateReplicaSet,
  validateUpdate: (rs, old, errs) => validateSelectorUpdate(rs.spec, old.spec, errs),
};
