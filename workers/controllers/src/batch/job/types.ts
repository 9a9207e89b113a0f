// The Job shapes the decisions read (from the kube schema, so they cannot drift) and the names
// upstream gives to its labels, annotations and finalizer.
import type { Job as JobSchema } from '../../../../kube/resources/batch/job/schema';
import type { KObject, Pod } from '../../controllers/common/types';

export type Job = JobSchema & KObject;
export type JobSpec = NonNullable<Job['spec']>;
export type JobStatus = NonNullable<Job['status']>;
export type JobCondition = NonNullable<JobStatus['conditions']>[number];
export type PodFailurePolicyRule = NonNullable<JobSpec['podFailurePolicy']>['rules'][number];
export type { Pod };

/** On every pod the controller creates; removed only after the pod's outcome is in the Job status. */
export const TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
/** Indexed jobs: the pod's completion index (annotation and label). */
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
/** backoffLimitPerIndex: failures of this index before this pod. */
export const INDEX_FAILURE_COUNT = 'batch.kubernetes.io/job-index-failure-count';
/** Injected into every container of an Indexed job's pods. */
export const COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';

export const isIndexed = (job: Job) => job.spec?.completionMode === 'Indexed';
export const hasTrackingFinalizer = (p: Pod) => (p.metadata.finalizers ?? []).includes(TRACKING_FINALIZER);

/** The pod's completion index, or undefined when absent or malformed. */
export function podIndex(p: Pod): number | undefined {
  const v = p.metadata.annotations?.[COMPLETION_INDEX] ?? p.metadata.labels?.[COMPLETION_INDEX];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}
