// Pod updates: the spec is immutable except for a few fields the kubelet and controllers adjust.
import { FieldErrors } from '../../../validation/field-errors';
import { jsonEqual } from '../common/checks';
import type { PodSpec } from './spec';

const FORBIDDEN_MSG =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** Copies the fields that may change from `from` onto a clone of `to`, so the rest can be compared whole. */
function withMutableFrom(to: PodSpec, from: PodSpec): PodSpec {
  const out = structuredClone(to);
  const images = (dst: PodSpec['containers'] | undefined, src: PodSpec['containers'] | undefined) => {
    dst?.forEach((c, i) => {
      if (src?.[i] && src[i].name === c.name) c.image = src[i].image;
    });
  };
  images(out.containers, from.containers);
  images(out.initContainers, from.initContainers);
  out.activeDeadlineSeconds = from.activeDeadlineSeconds;
  out.tolerations = from.tolerations;
  // The grace period is fixed, except that a (legacy) negative value may be raised to 1.
  const was = from.terminationGracePeriodSeconds;
  if (was !== undefined && was < 0 && out.terminationGracePeriodSeconds === 1) out.terminationGracePeriodSeconds = was;
  // Scheduling gates may only be removed; the removal itself is checked below.
  out.schedulingGates = from.schedulingGates;
  return out;
}

export function validatePodSpecUpdate(spec: PodSpec, old: PodSpec, errs: FieldErrors) {
  if (!jsonEqual(withMutableFrom(spec, old), old)) errs.forbidden('spec', FORBIDDEN_MSG);

  (spec.containers ?? []).forEach((c, i) => {
    if (!c.image && old.containers?.[i]?.image) errs.required(`spec.containers[${i}].image`);
  });

  const oldDeadline = old.activeDeadlineSeconds;
  if (oldDeadline !== undefined) {
    if (spec.activeDeadlineSeconds === undefined) errs.invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value');
    else if (spec.activeDeadlineSeconds > oldDeadline)
      errs.invalid('spec.activeDeadlineSeconds', spec.activeDeadlineSeconds, 'must be less than or equal to previous value');
  }

  // Existing tolerations stay; only their NoExecute tolerationSeconds may shrink.
  for (const t of old.tolerations ?? []) {
    const kept = (spec.tolerations ?? []).some((n) => {
      const { tolerationSeconds: a, ...restN } = n;
      const { tolerationSeconds: b, ...restO } = t;
      return jsonEqual(restN, restO) && (a === b || (b !== undefined && a !== undefined && a <= b));
    });
    if (!kept) {
      errs.forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds');
      break;
    }
  }

  const oldGates = new Set((old.schedulingGates ?? []).map((g) => g.name));
  for (const g of spec.schedulingGates ?? [])
    if (!oldGates.has(g.name)) {
      errs.forbidden('spec.schedulingGates', 'only deletion is allowed, but found new scheduling gate');
      break;
    }
}
