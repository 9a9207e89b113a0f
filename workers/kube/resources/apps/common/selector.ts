// Label selectors as workloads use them: validation and matching against template labels.
import type { LabelSelector } from '../../../schemas/meta';
import { FieldErrors } from '../../../validation/field-errors';
import { qualifiedName, validateLabels } from '../../../validation/names';

const SET_OPS = ['In', 'NotIn'];
const EXISTS_OPS = ['Exists', 'DoesNotExist'];

/** Checks operators, keys, values and matchLabels of a selector at `path`. */
export function validateLabelSelector(sel: LabelSelector | undefined, path: string, errs: FieldErrors) {
  if (!sel) return;
  (sel.matchExpressions ?? []).forEach((r, i) => {
    const rp = `${path}.matchExpressions[${i}]`;
    const n = r.values?.length ?? 0;
    if (SET_OPS.includes(r.operator)) {
      if (n === 0) errs.required(`${rp}.values`, "must be specified when `operator` is 'In' or 'NotIn'");
    } else if (EXISTS_OPS.includes(r.operator)) {
      if (n > 0) errs.forbidden(`${rp}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
    } else errs.invalid(`${rp}.operator`, r.operator, 'not a valid selector operator');
    for (const m of qualifiedName(r.key)) errs.invalid(`${rp}.key`, r.key, m);
  });
  validateLabels(sel.matchLabels, `${path}.matchLabels`, errs);
}

/** True when the selector has neither matchLabels nor matchExpressions (it then matches everything). */
export function selectorIsEmpty(sel: LabelSelector): boolean {
  return Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions?.length ?? 0) === 0;
}

/** Whether `labels` satisfy the selector; a missing selector matches nothing. */
export function selectorMatches(sel: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const r of sel.matchExpressions ?? []) {
    const has = Object.hasOwn(l, r.key);
    const inValues = has && (r.values ?? []).includes(l[r.key]);
    if (r.operator === 'In' && !inValues) return false;
    if (r.operator === 'NotIn' && inValues) return false;
    if (r.operator === 'Exists' && !has) return false;
    if (r.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/**
 * The selector rules shared by Deployment, ReplicaSet and StatefulSet: required, well formed and not
 * empty (an empty selector would adopt every pod in the namespace). `kindWord` is what upstream says
 * in the message, e.g. "deployment".
 */
export function validateWorkloadSelector(sel: LabelSelector | undefined, path: string, kindWord: string, errs: FieldErrors) {
  if (!sel) {
    errs.required(path);
    return;
  }
  validateLabelSelector(sel, path, errs);
  if (selectorIsEmpty(sel)) errs.invalid(path, sel, `empty selector is invalid for ${kindWord}`);
}
