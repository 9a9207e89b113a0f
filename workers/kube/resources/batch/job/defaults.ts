// Job defaulting and the generated selector.
import { defaultPodSpec, type PodSpec } from '../../core/pod/spec';
import type { Job, JobSpec } from './schema';

export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
// Older label names, still set because existing tooling selects on them.
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';

/** JobSpec defaults shared by Jobs; CronJob job templates get only the pod defaults, as upstream. */
export function defaultJobSpec(spec: JobSpec) {
  // A plain job runs one pod to one success.
  if (spec.completions === undefined && spec.parallelism === undefined) spec.completions = 1;
  spec.parallelism ??= 1;
  // Per-index limits replace the global one, which then must never trigger first.
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.manualSelector ??= false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) for (const p of rule.onPodConditions ?? []) p.status ||= 'True';
  // A replacement pod may not start before the old one is gone when failure rules inspect it.
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  const t = (spec.template ??= {});
  defaultPodSpec((t.spec ??= {} as PodSpec));
}

export function defaultJob(job: Job) {
  const spec = (job.spec ??= {});
  defaultJobSpec(spec);
  copyTemplateLabels(job);
}

function copyTemplateLabels(job: Job) {
  const labels = job.spec?.template?.metadata?.labels;
  const meta = (job.metadata ??= {});
  if (labels && Object.keys(meta.labels ?? {}).length === 0) meta.labels = { ...labels };
}

/**
 * Gives a Job without manualSelector a selector on its own uid and labels its pod template to match
 * (controller-uid and job-name, new and legacy names). Needs metadata.uid, so it runs as the
 * resource's prepareForCreate (after the server assigns the uid, before defaults and validation);
 * call it yourself if you create Jobs another way. Labels the user already set are kept, and
 * validation then rejects a mismatch.
 */
export function jobGenerateSelector(job: Job) {
  const meta = (job.metadata ??= {});
  const spec = (job.spec ??= {});
  if (spec.manualSelector === true) return;
  // Upstream copies the user's template labels to the job before generating (defaulting runs first)...
  copyTemplateLabels(job);
  const uid = meta.uid ?? '';
  const name = meta.name ?? '';
  const tmeta = ((spec.template ??= {}).metadata ??= {});
  const labels = (tmeta.labels ??= {});
  for (const [k, v] of [
    [LEGACY_JOB_NAME_LABEL, name],
    [JOB_NAME_LABEL, name],
    [LEGACY_CONTROLLER_UID_LABEL, uid],
    [CONTROLLER_UID_LABEL, uid],
  ])
    labels[k] ??= v;
  const matchLabels = ((spec.selector ??= {}).matchLabels ??= {});
  matchLabels[CONTROLLER_UID_LABEL] ??= uid;
  // ...and, when the job had no labels at all, re-defaulting on read copies the generated ones.
  copyTemplateLabels(job);
}
