// StatefulSet validation, following upstream's rules and messages.
import { FieldErrors } from '../../../validation/field-errors';
import { intOrPercentValue, nonNegative, notMoreThan100Percent, positiveIntOrPercent, semanticEqual } from '../common/checks';
import { validateWorkloadSelector } from '../common/selector';
import { checkLongRunningPods, checkSelectorMatchesTemplate, validatePodTemplate } from '../common/template';
import type { StatefulSet, StatefulSetSpec } from './schema';

function validateUpdateStrategy(us: StatefulSetSpec['updateStrategy'], errs: FieldErrors) {
  const path = 'spec.updateStrategy';
  const s = us ?? {};
  if (!s.type) return errs.required(path);
  if (s.type === 'OnDelete') {
    if (s.rollingUpdate) errs.invalid(`${path}.rollingUpdate`, s.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'");
  } else if (s.type === 'RollingUpdate') {
    const ru = s.rollingUpdate;
    if (!ru) return;
    const p = `${path}.rollingUpdate`;
    nonNegative(errs, `${p}.partition`, ru.partition);
    if (ru.maxUnavailable !== undefined) {
      positiveIntOrPercent(errs, `${p}.maxUnavailable`, ru.maxUnavailable);
      if (intOrPercentValue(ru.maxUnavailable) === 0) errs.invalid(`${p}.maxUnavailable`, ru.maxUnavailable, 'cannot be 0');
      notMoreThan100Percent(errs, `${p}.maxUnavailable`, ru.maxUnavailable);
    }
  } else errs.invalid(path, s, "must be 'RollingUpdate' or 'OnDelete'");
}

export function validateStatefulSet(sts: StatefulSet, errs: FieldErrors) {
  const spec = sts.spec ?? {};
  const pmp = spec.podManagementPolicy;
  if (!pmp) errs.required('spec.podManagementPolicy');
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel')
    errs.invalid('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'");
  validateUpdateStrategy(spec.updateStrategy, errs);
  const retention = spec.persistentVolumeClaimRetentionPolicy;
  if (retention)
    for (const k of ['whenDeleted', 'whenScaled'] as const)
      if (retention[k] !== 'Retain' && retention[k] !== 'Delete')
        errs.notSupported(`spec.persistentVolumeClaimRetentionPolicy.${k}`, retention[k] ?? '', ['Retain', 'Delete']);
  nonNegative(errs, 'spec.replicas', spec.replicas);
  nonNegative(errs, 'spec.minReadySeconds', spec.minReadySeconds);
  nonNegative(errs, 'spec.ordinals.start', spec.ordinals?.start);
  validateWorkloadSelector(spec.selector, 'spec.selector', 'statefulset', errs);
  checkSelectorMatchesTemplate(spec.selector, spec.template, 'spec.template', errs);
  // Upstream skips pod-spec checks here because claim-template volumes are not listed in the
  // template; we check the spec with those volumes added, as the pods will have them.
  const claims = (spec.volumeClaimTemplates ?? []).map((c) => c.metadata?.name).filter((n): n is string => !!n);
  validatePodTemplate(spec.template, 'spec.template', errs, claims);
  checkLongRunningPods(spec.template, 'spec.template', 'StatefulSet', errs);
}

const MUTABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'] as const;

/** Only a few spec fields may change: the rest (selector, claim templates, service) shape pod identity. */
export function validateStatefulSetUpdate(sts: StatefulSet, old: StatefulSet, errs: FieldErrors) {
  const strip = (s: StatefulSetSpec | undefined) => {
    const copy: Record<string, unknown> = { ...(s ?? {}) };
    for (const k of MUTABLE) delete copy[k];
    return copy;
  };
  if (!semanticEqual(strip(sts.spec), strip(old.spec)))
    errs.forbidden(
      'spec',
      "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
}
