import { describe, expect, it } from 'vitest';
import { syncJob } from './sync';
import { at, condTypes, job, jobPod, names, ts } from './testing';
import { TRACKING_FINALIZER } from './types';

const noBackoff = { backoff: { baseMs: 0, maxMs: 0 } };

describe('syncJob: pods to create and delete', () => {
  it('a new job starts min(parallelism, completions) pods and its clock', () => {
    const d = syncJob(job({ completions: 3, parallelism: 2 }), [], at(0));
    expect(d.create).toEqual([{}, {}]);
    expect(d.status).toMatchObject({ active: 2, startTime: ts(0), succeeded: 0, failed: 0 });
  });

  it('never runs more pods than completions still missing', () => {
    const j = job({ completions: 3, parallelism: 3 }, { succeeded: 2, startTime: ts(0) });
    const d = syncJob(j, [jobPod(j, 'a'), jobPod(j, 'b')], at(1));
    expect(d.create).toEqual([]);
    expect(names(d.deletePods.map((x) => x.pod))).toHaveLength(1);
    expect(d.deletePods[0].dropFinalizer).toBe(true);
  });

  it('without completions, a success stops new pods while the others finish', () => {
    const j = job({ completions: undefined, parallelism: 2 }, { succeeded: 1, startTime: ts(0) });
    const d = syncJob(j, [jobPod(j, 'a', { phase: 'Succeeded', tracked: false }), jobPod(j, 'b')], at(1));
    expect(d.create).toEqual([]);
    expect(d.deletePods).toEqual([]);
    expect(condTypes(d.status)).toEqual([]);
  });

  it('waits out the back-off after a failure before replacing the pod', () => {
    const j = job({ backoffLimit: 6 }, { failed: 1, startTime: ts(0) });
    const failed = jobPod(j, 'a', { phase: 'Failed', exitCode: 1, finished: 0, tracked: false });
    const d = syncJob(j, [failed], at(4));
    expect(d.create).toEqual([]);
    expect(d.requeueAfterMs).toBe(6_000);
    expect(syncJob(j, [failed], at(10)).create).toEqual([{}]);
  });

  it('an Indexed job gives the lowest pending indexes a pod and drops duplicates', () => {
    const j = job({ completionMode: 'Indexed', completions: 5, parallelism: 3 }, { completedIndexes: '0', succeeded: 1, startTime: ts(0) });
    const pods = [jobPod(j, 'one', { index: 1, ready: true }), jobPod(j, 'one-dup', { index: 1 }), jobPod(j, 'bad', { index: 9 })];
    const d = syncJob(j, pods, at(1));
    expect(names(d.deletePods.map((x) => x.pod)).sort()).toEqual(['bad', 'one-dup']);
    expect(d.create).toEqual([{ index: 2 }, { index: 3 }]);
  });
});

describe('syncJob: counting finished pods once (tracking finalizer)', () => {
  const j = job({ completions: 3, parallelism: 2 }, { succeeded: 1, startTime: ts(0) });
  it('a finished pod is first recorded as uncounted and its finalizer removed', () => {
    const done = jobPod(j, 'a', { phase: 'Succeeded' });
    const d = syncJob(j, [done, jobPod(j, 'b')], at(1));
    expect(d.status.uncountedTerminatedPods).toEqual({ succeeded: ['uid-a'] });
    expect(d.status.succeeded).toBe(1);
    expect(names(d.removeFinalizers)).toEqual(['a']);
    // Two of three are known to have succeeded: one pod more is all it needs.
    expect(d.create).toEqual([]);
  });

  it('an uncounted pod whose finalizer is gone is counted, exactly once', () => {
    const j2 = job({ completions: 3, parallelism: 2 }, { succeeded: 1, startTime: ts(0), uncountedTerminatedPods: { succeeded: ['uid-a'] } });
    const d = syncJob(j2, [jobPod(j2, 'a', { phase: 'Succeeded', tracked: false }), jobPod(j2, 'b')], at(1));
    expect(d.status.succeeded).toBe(2);
    expect(d.status.uncountedTerminatedPods).toEqual({});
    expect(d.removeFinalizers).toEqual([]);
  });

  it('after a restart between the status write and the finalizer removal, the removal is retried without a second count', () => {
    const j2 = job({ completions: 3, parallelism: 2 }, { succeeded: 1, startTime: ts(0), uncountedTerminatedPods: { succeeded: ['uid-a'] } });
    const d = syncJob(j2, [jobPod(j2, 'a', { phase: 'Succeeded' }), jobPod(j2, 'b')], at(1));
    expect(d.status.uncountedTerminatedPods).toEqual({ succeeded: ['uid-a'] });
    expect(d.status.succeeded).toBe(1);
    expect(names(d.removeFinalizers)).toEqual(['a']);
  });

  it('a finished pod without the finalizer and not uncounted was counted before', () => {
    const d = syncJob(j, [jobPod(j, 'old', { phase: 'Succeeded', tracked: false })], at(1));
    expect(d.status.succeeded).toBe(1);
  });

  it('a pod deleted before finishing counts as failed (the default replacement policy)', () => {
    const d = syncJob(j, [jobPod(j, 'gone', { deleting: true })], at(1));
    expect(d.status.uncountedTerminatedPods).toEqual({ failed: ['uid-gone'] });
  });

  it('with podReplacementPolicy Failed a terminating pod is neither counted nor replaced until it has failed', () => {
    const pj = job({ completions: 2, parallelism: 2, podReplacementPolicy: 'Failed' }, { startTime: ts(0) });
    const d = syncJob(pj, [jobPod(pj, 'a'), jobPod(pj, 'going', { deleting: true })], at(1));
    expect(d.create).toEqual([]);
    expect(d.status.uncountedTerminatedPods).toEqual({});
    expect(d.status.terminating).toBe(1);
    const failed = syncJob(pj, [jobPod(pj, 'a'), jobPod(pj, 'going', { deleting: true, phase: 'Failed', exitCode: 137 })], at(100), noBackoff);
    expect(failed.status.uncountedTerminatedPods).toEqual({ failed: ['uid-going'] });
  });

  it('Indexed successes go straight into completedIndexes', () => {
    const ij = job({ completionMode: 'Indexed', completions: 4, parallelism: 2 }, { completedIndexes: '0', succeeded: 1, startTime: ts(0) });
    const d = syncJob(ij, [jobPod(ij, 'p2', { phase: 'Succeeded', index: 2 }), jobPod(ij, 'p2b', { phase: 'Succeeded', index: 2 })], at(1));
    expect(d.status.completedIndexes).toBe('0,2');
    expect(d.status.succeeded).toBe(2);
    expect(d.status.uncountedTerminatedPods).toEqual({});
    expect(names(d.removeFinalizers)).toEqual(['p2', 'p2b']);
  });
});

describe('syncJob: conditions', () => {
  it('completion: SuccessCriteriaMet first, Complete once everything is counted', () => {
    const j = job({ completions: 2, parallelism: 2 }, { succeeded: 1, startTime: ts(0) });
    const first = syncJob(j, [jobPod(j, 'b', { phase: 'Succeeded' })], at(5));
    expect(condTypes(first.status)).toEqual(['SuccessCriteriaMet']);
    expect(first.status.conditions?.[0]).toMatchObject({ reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' });
    const j2 = job({ completions: 2, parallelism: 2 }, first.status);
    const second = syncJob(j2, [jobPod(j2, 'b', { phase: 'Succeeded', tracked: false })], at(6));
    expect(condTypes(second.status)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(second.status).toMatchObject({ succeeded: 2, completionTime: ts(6), active: 0 });
    expect(second.events).toContainEqual({ type: 'Normal', reason: 'Completed', message: 'Job completed' });
  });

  it('backoffLimit: FailureTarget, running pods deleted and counted failed, Failed once they are gone', () => {
    const j = job({ completions: 3, parallelism: 2, backoffLimit: 1 }, { failed: 1, startTime: ts(0) });
    const running = jobPod(j, 'run');
    const d = syncJob(j, [jobPod(j, 'f', { phase: 'Failed', exitCode: 1 }), running], at(5));
    expect(condTypes(d.status)).toEqual(['FailureTarget']);
    expect(d.status.conditions?.[0]).toMatchObject({ reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    expect(d.deletePods).toEqual([{ pod: running, dropFinalizer: false }]);
    expect(d.status.uncountedTerminatedPods?.failed?.sort()).toEqual(['uid-f', 'uid-run']);
    expect(d.create).toEqual([]);
    const j2 = job({ completions: 3, parallelism: 2, backoffLimit: 1 }, d.status);
    const done = syncJob(j2, [jobPod(j2, 'f', { phase: 'Failed', exitCode: 1, tracked: false })], at(6));
    expect(condTypes(done.status)).toEqual(['FailureTarget', 'Failed']);
    expect(done.status.failed).toBe(3);
    expect(done.status.completionTime).toBeUndefined();
  });

  it('activeDeadlineSeconds: requeues for the deadline, then fails the job and stops its pods', () => {
    const j = job({ activeDeadlineSeconds: 10 }, { startTime: ts(0) });
    const pod = jobPod(j, 'a');
    expect(syncJob(j, [pod], at(4)).requeueAfterMs).toBe(6_000);
    const d = syncJob(j, [pod], at(10));
    expect(d.status.conditions?.[0]).toMatchObject({ type: 'FailureTarget', reason: 'DeadlineExceeded' });
    expect(names(d.deletePods.map((x) => x.pod))).toEqual(['a']);
  });

  it('podFailurePolicy FailJob fails the job at once, whatever the backoff limit', () => {
    const j = job({ backoffLimit: 6, podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] } }, { startTime: ts(0) });
    const d = syncJob(j, [jobPod(j, 'a', { phase: 'Failed', exitCode: 42 })], at(1));
    expect(d.status.conditions?.[0]).toMatchObject({ type: 'FailureTarget', reason: 'PodFailurePolicy' });
  });

  it('podFailurePolicy Ignore lets the pod go uncounted and replaces it', () => {
    const j = job({ backoffLimit: 0, podFailurePolicy: { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [9] } }] } }, { startTime: ts(0) });
    const pod = jobPod(j, 'a', { phase: 'Failed', exitCode: 9 });
    const d = syncJob(j, [pod], at(100), noBackoff);
    expect(condTypes(d.status)).toEqual([]);
    expect(d.status.uncountedTerminatedPods).toEqual({});
    expect(names(d.removeFinalizers)).toEqual(['a']);
    expect(d.create).toEqual([{}]);
  });

  it('suspend stops the pods without counting them; resume restarts the clock', () => {
    const j = job({ suspend: true, parallelism: 2, completions: 2 }, { startTime: ts(0) });
    const d = syncJob(j, [jobPod(j, 'a'), jobPod(j, 'b')], at(5));
    expect(d.deletePods.every((x) => x.dropFinalizer)).toBe(true);
    expect(d.deletePods).toHaveLength(2);
    expect(d.status.conditions?.[0]).toMatchObject({ type: 'Suspended', status: 'True', reason: 'JobSuspended' });
    const resumed = job({ suspend: false, parallelism: 2, completions: 2 }, d.status);
    // A pod still terminating from the suspension is neither a failure nor a reason to back off.
    const r = syncJob(resumed, [jobPod(resumed, 'stopping', { deleting: true, tracked: false })], at(50));
    expect(r.status.conditions?.[0]).toMatchObject({ type: 'Suspended', status: 'False', reason: 'JobResumed' });
    expect(r.status.startTime).toBe(ts(50));
    expect(r.create).toHaveLength(2);
  });

  it('backoffLimitPerIndex fails an index, not the job, and numbers the retry of another', () => {
    const j = job({ completionMode: 'Indexed', completions: 3, parallelism: 3, backoffLimitPerIndex: 1, backoffLimit: 2147483647 }, { startTime: ts(0) });
    const pods = [jobPod(j, 'i1', { phase: 'Failed', exitCode: 1, index: 1, indexFailures: 1 }), jobPod(j, 'i0', { phase: 'Failed', exitCode: 1, index: 0, indexFailures: 0 }), jobPod(j, 'i2', { index: 2 })];
    const d = syncJob(j, pods, at(100), noBackoff);
    expect(d.status.failedIndexes).toBe('1');
    expect(d.create).toEqual([{ index: 0, indexFailures: 1 }]);
    expect(condTypes(d.status)).toEqual([]);
  });

  it('maxFailedIndexes exceeded fails the job', () => {
    const j = job({ completionMode: 'Indexed', completions: 3, parallelism: 3, backoffLimitPerIndex: 0, maxFailedIndexes: 0 }, { startTime: ts(0) });
    const d = syncJob(j, [jobPod(j, 'i1', { phase: 'Failed', exitCode: 1, index: 1 })], at(1));
    expect(d.status.conditions?.[0]).toMatchObject({ type: 'FailureTarget', reason: 'MaxFailedIndexesExceeded' });
  });

  it('successPolicy ends an Indexed job early', () => {
    const j = job({ completionMode: 'Indexed', completions: 5, parallelism: 5, successPolicy: { rules: [{ succeededIndexes: '0', succeededCount: 1 }] } }, { startTime: ts(0) });
    const d = syncJob(j, [jobPod(j, 'i0', { phase: 'Succeeded', index: 0 }), jobPod(j, 'i1', { index: 1 })], at(1));
    expect(d.status.conditions?.[0]).toMatchObject({ type: 'SuccessCriteriaMet', reason: 'SuccessPolicy', message: 'Matched rules at index 0' });
    expect(names(d.deletePods.map((x) => x.pod))).toEqual(['i1']);
  });
});

describe('syncJob: finished and deleted jobs', () => {
  const finished = (ttl?: number) => job({ ttlSecondsAfterFinished: ttl }, { conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: ts(0) }], completionTime: ts(0), succeeded: 1 });
  it('a finished job releases its pods and is deleted when its TTL runs out', () => {
    const j = finished(10);
    const early = syncJob(j, [jobPod(j, 'stray', { phase: 'Succeeded' })], at(4));
    expect(names(early.removeFinalizers)).toEqual(['stray']);
    expect(early.requeueAfterMs).toBe(6_000);
    expect(early.deleteJob).toBeUndefined();
    expect(syncJob(j, [], at(10)).deleteJob).toBe(true);
  });

  it('a finished job without a TTL stays', () => {
    const d = syncJob(finished(), [], at(1_000_000));
    expect(d.deleteJob).toBeUndefined();
    expect(d.requeueAfterMs).toBeUndefined();
  });

  it('a job being deleted only lets go of its pods', () => {
    const j = job({ completions: 5 }, { startTime: ts(0) });
    j.metadata.deletionTimestamp = ts(1);
    const d = syncJob(j, [jobPod(j, 'a'), jobPod(j, 'b', { tracked: false })], at(2));
    expect(names(d.removeFinalizers)).toEqual(['a']);
    expect(d.create).toEqual([]);
  });

  it('pods created carry the tracking finalizer (see pod-template)', () => {
    expect(TRACKING_FINALIZER).toBe('batch.kubernetes.io/job-tracking');
  });
});
