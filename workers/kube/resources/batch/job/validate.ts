// Job validation on create and update, with upstream's messages.
import { FieldErrors } from '../../../validation/field-errors';
import { dns1123Label } from '../../../validation/names';
import { semanticEqual } from '../../apps/common/checks';
import { selectorMatches, validateLabelSelector } from '../../apps/common/selector';
import { checkSelectorMatchesTemplate } from '../../apps/common/template';
import { CONTROLLER_UID_LABEL, JOB_NAME_LABEL, LEGACY_CONTROLLER_UID_LABEL, LEGACY_JOB_NAME_LABEL } from './defaults';
import type { Job, JobSpec } from './schema';
import { validateJobSpecBody } from './validate-spec';

/** The generated selector and template labels must still name this job (unless manualSelector). */
function validateGeneratedSelector(job: Job, errs: FieldErrors) {
  const spec = job.spec ?? {};
  if (spec.manualSelector === true || !spec.selector) return;
  const uid = job.metadata?.uid ?? '';
  const name = job.metadata?.name ?? '';
  if (!uid) errs.required('metadata.uid');
  const labels = spec.template?.metadata?.labels ?? {};
  const expected: Record<string, string> = {
    [LEGACY_CONTROLLER_UID_LABEL]: uid,
    [LEGACY_JOB_NAME_LABEL]: name,
    [CONTROLLER_UID_LABEL]: uid,
    [JOB_NAME_LABEL]: name,
  };
  for (const [k, v] of Object.entries(expected)) {
    const field = `spec.template.metadata.labels[${k}]`;
    if (labels[k] === undefined) errs.required(field, `must be '${v}'`);
    else if (labels[k] !== v) errs.invalid(field, labels[k], `must be '${v}'`);
  }
  if (!selectorMatches(spec.selector, expected)) errs.invalid('spec.selector', spec.selector, '`selector` not auto-generated');
}

export function validateJob(job: Job, errs: FieldErrors) {
  validateGeneratedSelector(job, errs);
  const spec = job.spec ?? {};
  validateJobSpecBody(spec, 'spec', errs);
  if (!spec.selector) errs.required('spec.selector');
  else validateLabelSelector(spec.selector, 'spec.selector', errs);
  checkSelectorMatchesTemplate(spec.selector, spec.template, 'spec.template', errs);
  // Indexed pods get "<job>-<index>" host names, which must be DNS labels.
  const name = job.metadata?.name ?? '';
  if (spec.completionMode === 'Indexed' && (spec.completions ?? 0) > 0) {
    const host = `${name}-${spec.completions! - 1}`;
    if (dns1123Label(host).length) errs.invalid('metadata.name', name, `will not able to create pod with invalid DNS label: ${host}`);
  }
}

/** Scheduling directives of a suspended job that never started may change (for queueing systems). */
function mutableTemplateParts(spec: JobSpec, from: JobSpec) {
  const t = structuredClone(spec.template ?? {});
  const src = from.template ?? {};
  const meta = (t.metadata ??= {});
  meta.labels = src.metadata?.labels;
  meta.annotations = src.metadata?.annotations;
  if (t.spec) {
    t.spec.nodeSelector = src.spec?.nodeSelector;
    t.spec.tolerations = src.spec?.tolerations;
    t.spec.schedulingGates = src.spec?.schedulingGates;
    const affinity = t.spec.affinity;
    if (affinity || src.spec?.affinity) t.spec.affinity = { ...(affinity ?? {}), nodeAffinity: src.spec?.affinity?.nodeAffinity };
  }
  return t;
}

const IMMUTABLE = ['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy'] as const;

export function validateJobUpdate(job: Job, old: Job, errs: FieldErrors) {
  const spec = job.spec ?? {};
  const oldSpec = old.spec ?? {};
  // Elastic Indexed jobs may resize, but only with parallelism moving in step.
  if (!semanticEqual(spec.completions, oldSpec.completions)) {
    if (spec.completionMode !== 'Indexed') errs.immutable('spec.completions', spec.completions);
    else if (spec.completions !== undefined && spec.completions !== spec.parallelism)
      errs.invalid('spec.completions', spec.completions, 'can only be modified in tandem with spec.parallelism');
  }
  if (!semanticEqual(spec.selector, oldSpec.selector)) errs.immutable('spec.selector', spec.selector);
  const flexible = oldSpec.suspend === true && !old.status?.startTime;
  const oldTemplate = flexible ? mutableTemplateParts(oldSpec, spec) : oldSpec.template;
  if (!semanticEqual(spec.template, oldTemplate)) errs.immutable('spec.template', spec.template);
  for (const k of IMMUTABLE) if (!semanticEqual(spec[k], oldSpec[k])) errs.immutable(`spec.${k}`, spec[k]);
}
