import { describe, expect, it } from 'vitest';
import { podForJob } from './pod-template';
import { job } from './testing';

describe('podForJob', () => {
  it('is controlled by the job, tracked by its finalizer, and labelled from the template', () => {
    const p = podForJob(job());
    expect(p.metadata.generateName).toBe('pi-');
    expect(p.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: 'uid-pi', controller: true, blockOwnerDeletion: true }]);
    expect(p.metadata.labels).toEqual({ 'batch.kubernetes.io/controller-uid': 'uid-pi' });
    expect(p.spec.restartPolicy).toBe('Never');
    expect(p.metadata.annotations).toBeUndefined();
  });

  it('an Indexed pod carries its index as annotation, label, hostname and JOB_COMPLETION_INDEX', () => {
    const p = podForJob(job({ completionMode: 'Indexed', completions: 3 }), { index: 2, indexFailures: 1 });
    expect(p.metadata.generateName).toBe('pi-2-');
    expect(p.metadata.annotations).toEqual({ 'batch.kubernetes.io/job-completion-index': '2', 'batch.kubernetes.io/job-index-failure-count': '1' });
    expect(p.metadata.labels?.['batch.kubernetes.io/job-completion-index']).toBe('2');
    expect(p.spec.hostname).toBe('pi-2');
    expect(p.spec.containers[0].env).toEqual([{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } }]);
  });
});
