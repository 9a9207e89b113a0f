// JobSpec checks shared by Jobs and CronJob job templates, with upstream's messages.
import { FieldErrors } from '../../../validation/field-errors';
import { dns1123Subdomain } from '../../../validation/names';
import { nonNegative, oneOf } from '../../apps/common/checks';
import { validatePodTemplate } from '../../apps/common/template';
import { countIndexes } from './indexes';
import type { JobSpec } from './schema';

const MAX_INDEXED = 100_000;
const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];

function tooMany(errs: FieldErrors, field: string, n: number, max: number) {
  errs.add({ reason: 'FieldValueTooMany', message: `Too many: ${n}: must have at most ${max} items`, field });
}

function validatePodFailurePolicy(spec: JobSpec, path: string, errs: FieldErrors) {
  const rules = spec.podFailurePolicy?.rules ?? [];
  if (rules.length > 20) tooMany(errs, `${path}.rules`, rules.length, 20);
  const containers = new Set([...(spec.template?.spec?.containers ?? []), ...(spec.template?.spec?.initContainers ?? [])].map((c) => c.name));
  rules.forEach((rule, i) => {
    const rp = `${path}.rules[${i}]`;
    if (!rule.action) errs.required(`${rp}.action`, `valid values: ${JSON.stringify(ACTIONS).replaceAll(',', ' ')}`);
    else if (rule.action === 'FailIndex') {
      if (spec.backoffLimitPerIndex === undefined) errs.invalid(`${rp}.action`, rule.action, 'requires the backoffLimitPerIndex to be set');
    } else oneOf(errs, `${rp}.action`, rule.action, ACTIONS);
    const ec = rule.onExitCodes;
    if (ec) {
      const ep = `${rp}.onExitCodes`;
      oneOf(errs, `${ep}.operator`, ec.operator, ['In', 'NotIn']);
      if (ec.containerName !== undefined && !containers.has(ec.containerName))
        errs.invalid(`${ep}.containerName`, ec.containerName, 'must be one of the container or initContainer names in the pod template');
      if (ec.values.length === 0) errs.invalid(`${ep}.values`, ec.values, 'at least one value is required');
      else if (ec.values.length > 255) tooMany(errs, `${ep}.values`, ec.values.length, 255);
      const seen = new Set<number>();
      ec.values.forEach((v, j) => {
        if (ec.operator === 'In' && v === 0) errs.invalid(`${ep}.values[${j}]`, v, 'must not be 0 for the In operator');
        if (seen.has(v)) errs.duplicate(`${ep}.values[${j}]`, v);
        seen.add(v);
      });
      if (ec.values.some((v, j) => j > 0 && ec.values[j - 1] > v)) errs.invalid(`${ep}.values`, ec.values, 'must be ordered');
    }
    const pcs = rule.onPodConditions ?? [];
    if (pcs.length > 20) tooMany(errs, `${rp}.onPodConditions`, pcs.length, 20);
    pcs.forEach((p, j) => oneOf(errs, `${rp}.onPodConditions[${j}].status`, p.status, ['False', 'True', 'Unknown']));
    if (ec && pcs.length > 0) errs.add({ reason: 'FieldValueInvalid', message: 'Invalid value: specifying both OnExitCodes and OnPodConditions is not supported', field: rp });
    if (!ec && pcs.length === 0) errs.add({ reason: 'FieldValueInvalid', message: 'Invalid value: specifying one of OnExitCodes and OnPodConditions is required', field: rp });
  });
}

function validateSuccessPolicy(spec: JobSpec, path: string, errs: FieldErrors) {
  const rules = spec.successPolicy?.rules ?? [];
  if (rules.length === 0) errs.required(`${path}.rules`, 'at least one rules must be specified when the successPolicy is specified');
  if (rules.length > 20) tooMany(errs, `${path}.rules`, rules.length, 20);
  const completions = spec.completions ?? 0;
  rules.forEach((rule, i) => {
    const rp = `${path}.rules[${i}]`;
    if (rule.succeededCount === undefined && rule.succeededIndexes === undefined)
      errs.required(rp, 'at least one of succeededCount or succeededIndexes must be specified');
    let total = 0;
    if (rule.succeededIndexes !== undefined) {
      try {
        total = countIndexes(rule.succeededIndexes, completions);
      } catch (e) {
        errs.invalid(`${rp}.succeededIndexes`, rule.succeededIndexes, `error parsing succeededIndexes: ${(e as Error).message}`);
      }
    }
    const count = rule.succeededCount;
    if (count !== undefined) {
      nonNegative(errs, `${rp}.succeededCount`, count);
      if (count > completions)
        errs.invalid(`${rp}.succeededCount`, count, `must be less than or equal to ${completions} (the number of specified completions)`);
      if (rule.succeededIndexes !== undefined && count > total)
        errs.invalid(`${rp}.succeededCount`, count, `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`);
    }
  });
}

/** Checks a JobSpec found at `path` ("spec" or "spec.jobTemplate.spec"), selector aside. */
export function validateJobSpecBody(spec: JobSpec, path: string, errs: FieldErrors) {
  for (const k of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex'] as const)
    nonNegative(errs, `${path}.${k}`, spec[k]);
  if (spec.maxFailedIndexes !== undefined) {
    nonNegative(errs, `${path}.maxFailedIndexes`, spec.maxFailedIndexes);
    if (spec.backoffLimitPerIndex === undefined) errs.required(`${path}.backoffLimitPerIndex`, 'when maxFailedIndexes is specified');
  }
  if (spec.managedBy !== undefined) validateManagedBy(spec.managedBy, `${path}.managedBy`, errs);
  const indexed = spec.completionMode === 'Indexed';
  if (spec.completionMode !== undefined) {
    oneOf(errs, `${path}.completionMode`, spec.completionMode, ['NonIndexed', 'Indexed']);
    if (indexed) {
      if (spec.completions === undefined) errs.required(`${path}.completions`, 'when completion mode is Indexed');
      if ((spec.parallelism ?? 0) > MAX_INDEXED)
        errs.invalid(`${path}.parallelism`, spec.parallelism, `must be less than or equal to ${MAX_INDEXED} when completion mode is Indexed`);
      const mfi = spec.maxFailedIndexes;
      if (mfi !== undefined && spec.completions !== undefined && mfi > spec.completions)
        errs.invalid(`${path}.maxFailedIndexes`, mfi, 'must be less than or equal to completions');
      if (mfi !== undefined && mfi > MAX_INDEXED) errs.invalid(`${path}.maxFailedIndexes`, mfi, `must be less than or equal to ${MAX_INDEXED}`);
    }
  }
  if (!indexed) {
    if (spec.backoffLimitPerIndex !== undefined) errs.invalid(`${path}.backoffLimitPerIndex`, spec.backoffLimitPerIndex, 'requires indexed completion mode');
    if (spec.maxFailedIndexes !== undefined) errs.invalid(`${path}.maxFailedIndexes`, spec.maxFailedIndexes, 'requires indexed completion mode');
  }
  if (spec.podFailurePolicy) validatePodFailurePolicy(spec, `${path}.podFailurePolicy`, errs);
  if (spec.successPolicy) {
    if (!indexed) errs.invalid(`${path}.successPolicy`, spec.successPolicy, 'requires indexed completion mode');
    else validateSuccessPolicy(spec, `${path}.successPolicy`, errs);
  }
  const rpp = spec.podReplacementPolicy;
  if (rpp !== undefined) oneOf(errs, `${path}.podReplacementPolicy`, rpp, spec.podFailurePolicy ? ['Failed'] : ['Failed', 'TerminatingOrFailed']);
  validatePodTemplate(spec.template, `${path}.template`, errs);
  validateRestartPolicy(spec, `${path}.template.spec.restartPolicy`, errs);
}

/** Job pods must not restart in place forever: Never or OnFailure (Never with a pod failure policy). */
function validateRestartPolicy(spec: JobSpec, field: string, errs: FieldErrors) {
  const policy = spec.template?.spec?.restartPolicy ?? '';
  if (policy === 'Always' || policy === '') errs.required(field, 'valid values: "OnFailure", "Never"');
  else if (policy !== 'OnFailure' && policy !== 'Never') errs.notSupported(field, policy, ['OnFailure', 'Never']);
  else if (spec.podFailurePolicy && policy !== 'Never') errs.invalid(field, policy, 'only "Never" is supported when podFailurePolicy is specified');
}

/** A domain-prefixed path such as "kubernetes.io/job-controller", at most 63 characters. */
function validateManagedBy(v: string, field: string, errs: FieldErrors) {
  const slash = v.indexOf('/');
  if (slash < 0) errs.invalid(field, v, 'must be a domain-prefixed path (such as "acme.io/foo")');
  else {
    for (const m of dns1123Subdomain(v.slice(0, slash))) errs.invalid(field, v.slice(0, slash), m);
    const rest = v.slice(slash);
    if (!/^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/.test(rest)) errs.invalid(field, rest, "Invalid path: must contain only URL path characters");
  }
  if (v.length > 63) errs.tooLong(field, 63);
}
