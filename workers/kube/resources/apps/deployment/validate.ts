// Deployment validation, following upstream's rules and messages.
import { FieldErrors } from '../../../validation/field-errors';
import { intOrPercentValue, nonNegative, notMoreThan100Percent, positiveIntOrPercent, semanticEqual } from '../common/checks';
import { validateWorkloadSelector } from '../common/selector';
import { checkLongRunningPods, checkSelectorMatchesTemplate, validatePodTemplate } from '../common/template';
import type { Deployment } from './schema';

type Strategy = NonNullable<NonNullable<Deployment['spec']>['strategy']>;

function validateStrategy(strategy: Strategy | undefined, errs: FieldErrors) {
  const path = 'spec.strategy';
  const s = strategy ?? {};
  if (s.type === 'Recreate') {
    if (s.rollingUpdate) errs.forbidden(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'");
  } else if (s.type === 'RollingUpdate') {
    const ru = s.rollingUpdate;
    if (!ru) {
      errs.required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil');
      return;
    }
    positiveIntOrPercent(errs, `${path}.rollingUpdate.maxUnavailable`, ru.maxUnavailable);
    positiveIntOrPercent(errs, `${path}.rollingUpdate.maxSurge`, ru.maxSurge);
    // With neither surge nor unavailability allowed a rollout could never make progress.
    if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0)
      errs.invalid(`${path}.rollingUpdate.maxUnavailable`, ru.maxUnavailable ?? 0, 'may not be 0 when `maxSurge` is 0');
    notMoreThan100Percent(errs, `${path}.rollingUpdate.maxUnavailable`, ru.maxUnavailable);
  } else errs.notSupported(path, s, ['Recreate', 'RollingUpdate']);
}

export function validateDeployment(d: Deployment, errs: FieldErrors) {
  const spec = d.spec ?? {};
  nonNegative(errs, 'spec.replicas', spec.replicas);
  validateWorkloadSelector(spec.selector, 'spec.selector', 'deployment', errs);
  checkSelectorMatchesTemplate(spec.selector, spec.template, 'spec.template', errs);
  validatePodTemplate(spec.template, 'spec.template', errs);
  checkLongRunningPods(spec.template, 'spec.template', 'ReplicaSet', errs);
  validateStrategy(spec.strategy, errs);
  nonNegative(errs, 'spec.minReadySeconds', spec.minReadySeconds);
  nonNegative(errs, 'spec.revisionHistoryLimit', spec.revisionHistoryLimit);
  const pds = spec.progressDeadlineSeconds;
  if (pds !== undefined) {
    nonNegative(errs, 'spec.progressDeadlineSeconds', pds);
    if (pds <= (spec.minReadySeconds ?? 0)) errs.invalid('spec.progressDeadlineSeconds', pds, 'must be greater than minReadySeconds');
  }
}

/** apps/v1 fixes the selector at creation: changing it would orphan the running pods. */
export function validateSelectorUpdate(spec: { selector?: unknown } | undefined, old: { selector?: unknown } | undefined, errs: FieldErrors) {
  if (!semanticEqual(spec?.selector, old?.selector)) errs.immutable('spec.selector', spec?.selector);
}
