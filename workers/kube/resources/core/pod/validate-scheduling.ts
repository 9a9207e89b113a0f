// Semantic checks of the placement fields of a pod spec: node selector, affinity, tolerations, spread.
import { FieldErrors } from '../../../validation/field-errors';
import { qualifiedName, validateLabels } from '../../../validation/names';
import { enumValue } from '../common/checks';
import type { PodSpec } from './spec';

const TOLERATION_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
const NODE_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] as const;

type Affinity = NonNullable<PodSpec['affinity']>;
type Term = NonNullable<NonNullable<NonNullable<Affinity['nodeAffinity']>['requiredDuringSchedulingIgnoredDuringExecution']>['nodeSelectorTerms']>[number];
type PodTerm = NonNullable<NonNullable<Affinity['podAffinity']>['requiredDuringSchedulingIgnoredDuringExecution']>[number];

function validateNodeTerm(term: Term, path: string, errs: FieldErrors) {
  (term.matchExpressions ?? []).forEach((r, i) => {
    const rp = `${path}.matchExpressions[${i}]`;
    for (const m of qualifiedName(r.key)) errs.invalid(`${rp}.key`, r.key, m);
    enumValue(errs, `${rp}.operator`, r.operator, NODE_OPERATORS);
    const n = r.values?.length ?? 0;
    if ((r.operator === 'In' || r.operator === 'NotIn') && n === 0)
      errs.required(`${rp}.values`, 'must be specified when `operator` is \'In\' or \'NotIn\'');
    if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && n > 0)
      errs.forbidden(`${rp}.values`, 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\'');
    if ((r.operator === 'Gt' || r.operator === 'Lt') && n !== 1)
      errs.required(`${rp}.values`, 'must be specified single value when `operator` is \'Lt\' or \'Gt\'');
  });
}

function validatePodTerm(term: PodTerm, path: string, errs: FieldErrors) {
  if (!term.topologyKey) errs.required(`${path}.topologyKey`, 'can not be empty');
  else for (const m of qualifiedName(term.topologyKey)) errs.invalid(`${path}.topologyKey`, term.topologyKey, m);
}

const checkWeight = (w: number, path: string, errs: FieldErrors) => {
  if (w < 1 || w > 100) errs.invalid(`${path}.weight`, w, 'must be in the range 1-100');
};

function validateAffinity(a: Affinity, path: string, errs: FieldErrors) {
  const na = a.nodeAffinity;
  const req = na?.requiredDuringSchedulingIgnoredDuringExecution;
  if (req) {
    const rp = `${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`;
    if (req.nodeSelectorTerms.length === 0) errs.required(`${rp}.nodeSelectorTerms`, 'must have at least one node selector term');
    req.nodeSelectorTerms.forEach((t, i) => validateNodeTerm(t, `${rp}.nodeSelectorTerms[${i}]`, errs));
  }
  (na?.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((p, i) => {
    const pp = `${path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    checkWeight(p.weight, pp, errs);
    validateNodeTerm(p.preference, `${pp}.preference`, errs);
  });
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const pa = a[kind];
    (pa?.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) =>
      validatePodTerm(t, `${path}.${kind}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`, errs),
    );
    (pa?.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((w, i) => {
      const wp = `${path}.${kind}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      checkWeight(w.weight, wp, errs);
      validatePodTerm(w.podAffinityTerm, `${wp}.podAffinityTerm`, errs);
    });
  }
}

function validateTolerations(spec: PodSpec, path: string, errs: FieldErrors) {
  (spec.tolerations ?? []).forEach((t, i) => {
    const tp = `${path}.tolerations[${i}]`;
    if (t.key) for (const m of qualifiedName(t.key)) errs.invalid(`${tp}.key`, t.key, m);
    if (!t.key && t.operator !== 'Exists')
      errs.invalid(`${tp}.operator`, t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"');
    if (t.operator === 'Exists' && t.value) errs.invalid(`${tp}.operator`, t.value, "value must be empty when `operator` is 'Exists'");
    enumValue(errs, `${tp}.operator`, t.operator || undefined, ['Equal', 'Exists']);
    enumValue(errs, `${tp}.effect`, t.effect || undefined, TOLERATION_EFFECTS);
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute')
      errs.invalid(`${tp}.effect`, t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set");
  });
}

export function validateScheduling(spec: PodSpec, path: string, errs: FieldErrors) {
  validateLabels(spec.nodeSelector, `${path}.nodeSelector`, errs);
  if (spec.affinity) validateAffinity(spec.affinity, `${path}.affinity`, errs);
  validateTolerations(spec, path, errs);
  (spec.topologySpreadConstraints ?? []).forEach((c, i) => {
    const cp = `${path}.topologySpreadConstraints[${i}]`;
    if (c.maxSkew <= 0) errs.invalid(`${cp}.maxSkew`, c.maxSkew, 'must be greater than zero');
    if (!c.topologyKey) errs.required(`${cp}.topologyKey`, 'can not be empty');
    enumValue(errs, `${cp}.whenUnsatisfiable`, c.whenUnsatisfiable, ['DoNotSchedule', 'ScheduleAnyway']);
    if (c.minDomains !== undefined && c.minDomains <= 0) errs.invalid(`${cp}.minDomains`, c.minDomains, 'must be greater than 0');
    enumValue(errs, `${cp}.nodeAffinityPolicy`, c.nodeAffinityPolicy, ['Honor', 'Ignore']);
    enumValue(errs, `${cp}.nodeTaintsPolicy`, c.nodeTaintsPolicy, ['Honor', 'Ignore']);
  });
}
