// The DaemonSet resource (apps/v1).
import type { ResourceDef } from '../../../registry/types';
import { FieldErrors } from '../../../validation/field-errors';
import { intOrPercentValue, nonNegative, notMoreThan100Percent, positiveIntOrPercent } from '../common/checks';
import { selectorIsEmpty, validateLabelSelector } from '../common/selector';
import { checkLongRunningPods, checkSelectorMatchesTemplate, defaultPodTemplate, validatePodTemplate } from '../common/template';
import type { Stored } from '../common/types';
import { validateSelectorUpdate } from '../deployment/validate';
import { daemonSet, type DaemonSet } from './schema';

export { daemonSet } from './schema';
export type { DaemonSet } from './schema';

export function defaultDaemonSet(ds: DaemonSet) {
  const spec = (ds.spec ??= {});
  const us = (spec.updateStrategy ??= {});
  us.type ||= 'RollingUpdate';
  if (us.type === 'RollingUpdate') {
    const ru = (us.rollingUpdate ??= {});
    ru.maxUnavailable ??= 1;
    ru.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplate(spec);
}

type Strategy = NonNullable<NonNullable<DaemonSet['spec']>['updateStrategy']>;

function validateUpdateStrategy(us: Strategy | undefined, errs: FieldErrors) {
  const path = 'spec.updateStrategy';
  const s = us ?? {};
  if (s.type === 'OnDelete') return;
  if (s.type !== 'RollingUpdate') return errs.notSupported(path, s, ['RollingUpdate', 'OnDelete']);
  const ru = s.rollingUpdate;
  if (!ru) return errs.required(`${path}.rollingUpdate`);
  const p = `${path}.rollingUpdate`;
  positiveIntOrPercent(errs, `${p}.maxUnavailable`, ru.maxUnavailable);
  positiveIntOrPercent(errs, `${p}.maxSurge`, ru.maxSurge);
  notMoreThan100Percent(errs, `${p}.maxUnavailable`, ru.maxUnavailable);
  notMoreThan100Percent(errs, `${p}.maxSurge`, ru.maxSurge);
  // A node gets either a surge pod or a gap, never both and never neither.
  const unavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const surge = intOrPercentValue(ru.maxSurge) !== 0;
  if (unavailable && surge) errs.invalid(`${p}.maxSurge`, ru.maxSurge, 'may not be set when maxUnavailable is non-zero');
  if (!unavailable && !surge) errs.required(`${p}.maxUnavailable`, 'cannot be 0 when maxSurge is 0');
}

export function validateDaemonSet(ds: DaemonSet, errs: FieldErrors) {
  const spec = ds.spec ?? {};
  // Unlike Deployment, upstream reports a missing selector only as a template mismatch.
  validateLabelSelector(spec.selector, 'spec.selector', errs);
  checkSelectorMatchesTemplate(spec.selector, spec.template, 'spec.template', errs);
  if (spec.selector && selectorIsEmpty(spec.selector)) errs.invalid('spec.selector', spec.selector, 'empty selector is invalid for daemonset');
  validatePodTemplate(spec.template, 'spec.template', errs);
  checkLongRunningPods(spec.template, 'spec.template', 'DaemonSet', errs);
  nonNegative(errs, 'spec.minReadySeconds', spec.minReadySeconds);
  validateUpdateStrategy(spec.updateStrategy, errs);
  nonNegative(errs, 'spec.revisionHistoryLimit', spec.revisionHistoryLimit);
}

export const daemonSets: ResourceDef<Stored<DaemonSet>> = {
  group: 'apps',
  version: 'v1',
  kind: 'DaemonSet',
  plural: 'daemonsets',
  singular: 'daemonset',
  namespaced: true,
  shortNames: ['ds'],
  categories: ['all'],
  schema: daemonSet,
  status: true,
  generation: 'spec',
  defaults: defaultDaemonSet,
  validate: validateDaemonSet,
  validateUpdate: (ds, old, errs) => validateSelectorUpdate(ds.spec, old.spec, errs),
};
