// Pod templates inside workloads: defaulting, selector agreement and the checks every owner shares.
import type { LabelSelector } from '../../../schemas/meta';
import { FieldErrors } from '../../../validation/field-errors';
import { validateAnnotations, validateLabels } from '../../../validation/names';
import { defaultPodSpec, validatePodSpec, type PodSpec, type PodTemplateSpec } from '../../core/pod/spec';
import { selectorMatches } from './selector';

/**
 * Applies pod defaults to a template, creating the template and its spec when absent: upstream holds
 * them by value, so a missing template is defaulted (and then fails validation) rather than skipped.
 */
export function defaultPodTemplate<T extends { template?: PodTemplateSpec }>(holder: T) {
  const t = (holder.template ??= {});
  defaultPodSpec((t.spec ??= {} as PodSpec));
}

/** `spec.template.metadata.labels` must satisfy the selector; a missing selector matches nothing. */
export function checkSelectorMatchesTemplate(
  sel: LabelSelector | undefined,
  template: PodTemplateSpec | undefined,
  path: string,
  errs: FieldErrors,
) {
  const labels = template?.metadata?.labels;
  if (!selectorMatches(sel, labels)) errs.invalid(`${path}.metadata.labels`, labels, '`selector` does not match template `labels`');
}

/**
 * Template labels, annotations and pod spec. Upstream reports template labels at `<path>.labels`
 * (without "metadata"), so we do too. `extraVolumes` stands in for volumes the owner adds itself
 * (StatefulSet claim templates) so mounts of them are not reported missing.
 */
export function validatePodTemplate(template: PodTemplateSpec | undefined, path: string, errs: FieldErrors, extraVolumes: string[] = []) {
  validateLabels(template?.metadata?.labels, `${path}.labels`, errs);
  validateAnnotations(template?.metadata?.annotations, `${path}.annotations`, errs);
  const spec = template?.spec ?? ({} as PodSpec);
  const known = new Set((spec.volumes ?? []).map((v) => v.name));
  const added = extraVolumes.filter((n) => !known.has(n)).map((name) => ({ name, persistentVolumeClaim: { claimName: name } }));
  validatePodSpec(added.length ? { ...spec, volumes: [...(spec.volumes ?? []), ...added] } : spec, `${path}.spec`, errs);
}

/** Long-running owners (ReplicaSet, StatefulSet, DaemonSet) need restartPolicy Always and no deadline. */
export function checkLongRunningPods(template: PodTemplateSpec | undefined, path: string, owner: string, errs: FieldErrors) {
  const spec = template?.spec;
  const policy = spec?.restartPolicy ?? '';
  if (policy !== 'Always') errs.notSupported(`${path}.spec.restartPolicy`, policy, ['Always']);
  if (spec?.activeDeadlineSeconds !== undefined)
    errs.forbidden(`${path}.spec.activeDeadlineSeconds`, `activeDeadlineSeconds in ${owner} is not Supported`);
}
