// batch/v1 Job: runs pods until a number of them succeed.
import { z } from 'zod';
import { atomicList, int32, int64, kobject, labelSelector, objectMeta, setList, time } from '../../../schemas/meta';
import { podTemplateSpec } from '../../core/pod/spec';
import { atomicMergeList, opt, req } from '../../apps/common/util';

export const batchId = (name: string) => `io.k8s.api.batch.v1.${name}`;

export const podFailurePolicyOnExitCodesRequirement = z
  .strictObject({
    containerName: opt(z.string(), 'Only exit codes of this container count; all containers when unset.'),
    operator: req(z.string(), 'In or NotIn.'),
    values: req(setList(int32()), 'Exit codes, sorted and without duplicates; 0 is not allowed with In.'),
  })
  .meta({ id: batchId('PodFailurePolicyOnExitCodesRequirement'), description: 'Matches failed pods by container exit codes.' });

export const podFailurePolicyOnPodConditionsPattern = z
  .strictObject({
    type: req(z.string(), 'Pod condition type to match, e.g. DisruptionTarget.'),
    status: opt(z.string(), 'Condition status to match; defaults to True.'),
  })
  .meta({ id: batchId('PodFailurePolicyOnPodConditionsPattern'), description: 'Matches failed pods by a pod condition.' });

export const podFailurePolicyRule = z
  .strictObject({
    action: req(z.string(), 'FailJob, FailIndex, Ignore or Count.'),
    onExitCodes: opt(podFailurePolicyOnExitCodesRequirement, 'Match on exit codes (exclusive with onPodConditions).'),
    onPodConditions: opt(atomicList(podFailurePolicyOnPodConditionsPattern), 'Match on pod conditions (exclusive with onExitCodes).'),
  })
  .meta({ id: batchId('PodFailurePolicyRule'), description: 'What to do with a failed pod that matches.' });

export const podFailurePolicy = z
  .strictObject({ rules: req(atomicList(podFailurePolicyRule), 'Rules checked in order; the first match decides.') })
  .meta({ id: batchId('PodFailurePolicy'), description: 'How pod failures count toward the backoff limit.' });

export const successPolicyRule = z
  .strictObject({
    succeededIndexes: opt(z.string(), 'Index ranges such as "1,3-5" that must all succeed.'),
    succeededCount: opt(int32(), 'How many of succeededIndexes (or of all indexes) must succeed.'),
  })
  .meta({ id: batchId('SuccessPolicyRule'), description: 'One way an Indexed Job can succeed early.' });

export const successPolicy = z
  .strictObject({ rules: req(atomicList(successPolicyRule), 'The job succeeds when any rule is met.') })
  .meta({ id: batchId('SuccessPolicy'), description: 'When an Indexed Job counts as succeeded.' });

export const jobSpec = z
  .strictObject({
    parallelism: opt(int32(), 'Most pods running at once; defaults to 1.'),
    completions: opt(int32(), 'Successful pods needed; unset means any one success finishes the job.'),
    activeDeadlineSeconds: opt(int64(), 'Seconds the job may run before it is failed.'),
    podFailurePolicy: opt(podFailurePolicy, 'Rules for handling pod failures.'),
    successPolicy: opt(successPolicy, 'Early success criteria for Indexed jobs.'),
    backoffLimit: opt(int32(), 'Retries before the job fails; defaults to 6.'),
    backoffLimitPerIndex: opt(int32(), 'Retries per index of an Indexed job.'),
    maxFailedIndexes: opt(int32(), 'Failed indexes tolerated before the job fails.'),
    selector: opt(labelSelector, 'Pods belonging to the job; generated unless manualSelector is true.'),
    manualSelector: opt(z.boolean(), 'Use the given selector instead of a generated one.'),
    template: opt(podTemplateSpec, 'Required. The pods to run; restartPolicy must be Never or OnFailure.'),
    ttlSecondsAfterFinished: opt(int32(), 'Seconds after finishing before the job is deleted.'),
    completionMode: opt(z.string(), 'NonIndexed (the default) or Indexed.'),
    suspend: opt(z.boolean(), 'While true no pods are created and running ones are stopped.'),
    podReplacementPolicy: opt(z.string(), 'TerminatingOrFailed or Failed: when a replacement pod may start.'),
    managedBy: opt(z.string(), 'Controller that syncs this job; defaults to the built-in one.'),
  })
  .meta({ id: batchId('JobSpec'), description: 'The desired behavior of a Job.' });

export const jobCondition = z
  .strictObject({
    type: req(z.string(), 'Complete, Failed, Suspended, FailureTarget or SuccessCriteriaMet.'),
    status: req(z.string(), 'True, False or Unknown.'),
    lastProbeTime: opt(time(), 'When the condition was last checked.'),
    lastTransitionTime: opt(time(), 'When the status last changed.'),
    reason: opt(z.string(), 'Machine-readable cause of the last transition.'),
    message: opt(z.string(), 'Human-readable details.'),
  })
  .meta({ id: batchId('JobCondition'), description: 'One observed aspect of a Job.' });

export const uncountedTerminatedPods = z
  .strictObject({
    succeeded: opt(setList(z.string()), 'UIDs of succeeded pods not yet counted.'),
    failed: opt(setList(z.string()), 'UIDs of failed pods not yet counted.'),
  })
  .meta({ id: batchId('UncountedTerminatedPods'), description: 'Finished pods the controller has yet to count.' });

export const jobStatus = z
  .strictObject({
    conditions: opt(atomicMergeList(jobCondition, 'type'), 'Latest observations; Complete or Failed ends the job.'),
    startTime: opt(time(), 'When the controller started the job.'),
    completionTime: opt(time(), 'When the job completed.'),
    active: opt(int32(), 'Pending or running pods.'),
    succeeded: opt(int32(), 'Pods that succeeded.'),
    failed: opt(int32(), 'Pods that failed.'),
    terminating: opt(int32(), 'Pods being terminated.'),
    completedIndexes: opt(z.string(), 'Completed indexes of an Indexed job, e.g. "1,3-5".'),
    failedIndexes: opt(z.string(), 'Failed indexes when backoffLimitPerIndex is set.'),
    uncountedTerminatedPods: opt(uncountedTerminatedPods),
    ready: opt(int32(), 'Active pods with a Ready condition.'),
  })
  .meta({ id: batchId('JobStatus'), description: 'The observed state of a Job.' });

export const job = kobject(batchId('Job'), 'Runs pods to completion, retrying failures up to a limit.', {
  spec: opt(jobSpec, 'Desired behavior of the job.'),
  status: opt(jobStatus, 'Most recently observed state; written by the system.'),
});

export const jobTemplateSpec = z
  .strictObject({
    metadata: opt(objectMeta, 'Metadata given to jobs created from this template.'),
    spec: opt(jobSpec, 'Spec of jobs created from this template.'),
  })
  .meta({ id: batchId('JobTemplateSpec'), description: 'A template for jobs created by a CronJob.' });

export type Job = z.infer<typeof job>;
export type JobSpec = z.infer<typeof jobSpec>;
