// Label selector checks (upstream ValidateLabelSelector), shared by NetworkPolicy and ClusterRole aggregation.
import type { FieldErrors } from '../../validation/field-errors';
import type { LabelSelector } from '../../schemas/meta';
import { qualifiedName, validateLabels } from '../../validation/names';

export function validateLabelSelector(sel: LabelSelector | undefined, path: string, errs: FieldErrors) {
  if (!sel) return;
  sel.matchExpressions?.forEach((r, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const n = r.values?.length ?? 0;
    if (r.operator === 'In' || r.operator === 'NotIn') {
      if (n === 0) errs.required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'");
    } else if (r.operator === 'Exists' || r.operator === 'DoesNotExist') {
      if (n > 0) errs.forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
    } else {
      errs.invalid(`${p}.operator`, r.operator, 'not a valid selector operator');
    }
    for (const m of qualifiedName(r.key)) errs.invalid(`${p}.key`, r.key, m);
  });
  validateLabels(sel.matchLabels, `${path}.matchLabels`, errs);
}
