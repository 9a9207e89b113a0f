import { describe, it, expect } from 'vitest';
import { admit, admitUpdate, unknownFields } from '../../apps/testing/helpers';
import { jobs } from './index';
import { jobGenerateSelector } from './defaults';

const UID = '8f3e2a4c-1111-4222-8333-944455556666';

// What `kubectl create job pi --image=perl -- perl -e 1 --dry-run=client -o yaml` prints, nulls removed.
const kubectlCreate = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'pi' },
  spec: { template: { metadata: {}, spec: { containers: [{ command: ['perl', '-e', '1'], image: 'perl', name: 'pi', resources: {} }], restartPolicy: 'Never' } } },
  status: {},
};

describe('Job', () => {
  it('accepts what kubectl create prints, generating the selector and labels', () => {
    const { obj, errors } = admit(jobs, kubectlCreate, UID);
    expect(errors).toEqual([]);
    expect(obj.spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, manualSelector: false, podReplacementPolicy: 'TerminatingOrFailed' });
    expect(obj.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': UID } });
    const generated = { 'batch.kubernetes.io/controller-uid': UID, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': UID, 'job-name': 'pi' };
    expect(obj.spec.template.metadata.labels).toEqual(generated);
    expect(obj.metadata.labels).toEqual(generated);
  });

  it('copies only the user template labels to a job without labels, as upstream', () => {
    const j = structuredClone(kubectlCreate) as any;
    j.spec.template.metadata.labels = { app: 'pi' };
    const { obj } = admit(jobs, j, UID);
    expect(obj.metadata.labels).toEqual({ app: 'pi' });
    expect(obj.spec.template.metadata.labels.app).toBe('pi');
  });

  it('defaults parallel jobs and per-index backoff like upstream', () => {
    const j = structuredClone(kubectlCreate) as any;
    Object.assign(j.spec, { parallelism: 3, completionMode: 'Indexed', completions: 5, backoffLimitPerIndex: 1, podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } });
    const { obj, errors } = admit(jobs, j, UID);
    expect(errors).toEqual([]);
    expect(obj.spec.completions).toBe(5);
    expect(obj.spec.backoffLimit).toBe(2147483647);
    expect(obj.spec.podReplacementPolicy).toBe('Failed');
    expect(obj.spec.podFailurePolicy.rules[0].onPodConditions[0].status).toBe('True');
    const p = structuredClone(kubectlCreate) as any;
    p.spec.parallelism = 2;
    expect(admit(jobs, p, UID).obj.spec.completions).toBeUndefined();
  });

  it('accepts a full status and reports unknown fields', () => {
    const j = structuredClone(kubectlCreate) as any;
    j.status = { conditions: [{ type: 'Complete', status: 'True', lastProbeTime: '2026-01-01T00:00:00Z' }], startTime: '2026-01-01T00:00:00Z', completionTime: '2026-01-01T00:01:00Z', active: 0, succeeded: 1, failed: 0, terminating: 0, ready: 0, completedIndexes: '', failedIndexes: '', uncountedTerminatedPods: { succeeded: [], failed: [] } };
    expect(admit(jobs, j, UID).errors).toEqual([]);
    j.spec.backoffLimits = 3;
    expect(unknownFields(jobs, j)).toEqual(['spec.backoffLimits']);
  });

  it('requires restartPolicy Never or OnFailure', () => {
    const j = structuredClone(kubectlCreate) as any;
    delete j.spec.template.spec.restartPolicy;
    expect(admit(jobs, j, UID).errors).toEqual(['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']);
    j.spec.template.spec.restartPolicy = 'OnFailure';
    j.spec.podFailurePolicy = { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [1] } }] };
    j.spec.podReplacementPolicy = 'TerminatingOrFailed';
    expect(admit(jobs, j, UID).errors).toEqual([
      'spec.podReplacementPolicy: Unsupported value: "TerminatingOrFailed": supported values: "Failed"',
      'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified',
    ]);
  });

  it('checks pod failure policy rules', () => {
    const j = structuredClone(kubectlCreate) as any;
    j.spec.podFailurePolicy = {
      rules: [
        { action: 'Explode', onExitCodes: { containerName: 'nope', operator: 'In', values: [3, 0, 3] } },
        { action: 'FailIndex', onPodConditions: [{ type: 'DisruptionTarget', status: 'Maybe' }] },
        { action: 'Count' },
      ],
    };
    expect(admit(jobs, j, UID).errors).toEqual([
      'spec.podFailurePolicy.rules[0].action: Unsupported value: "Explode": supported values: "Count", "FailIndex", "FailJob", "Ignore"',
      'spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: "nope": must be one of the container or initContainer names in the pod template',
      'spec.podFailurePolicy.rules[0].onExitCodes.values[1]: Invalid value: 0: must not be 0 for the In operator',
      'spec.podFailurePolicy.rules[0].onExitCodes.values[2]: Duplicate value: 3',
      'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: [3,0,3]: must be ordered',
      'spec.podFailurePolicy.rules[1].action: Invalid value: "FailIndex": requires the backoffLimitPerIndex to be set',
      'spec.podFailurePolicy.rules[1].onPodConditions[0].status: Unsupported value: "Maybe": supported values: "False", "True", "Unknown"',
      'spec.podFailurePolicy.rules[2]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required',
    ]);
  });

  it('checks indexed-only fields and success policies', () => {
    const j = structuredClone(kubectlCreate) as any;
    j.spec.backoffLimitPerIndex = 1;
    j.spec.successPolicy = { rules: [{ succeededCount: 1 }] };
    expect(admit(jobs, j, UID).errors).toEqual([
      'spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode',
      'spec.successPolicy: Invalid value: {"rules":[{"succeededCount":1}]}: requires indexed completion mode',
    ]);
    const k = structuredClone(kubectlCreate) as any;
    Object.assign(k.spec, { completionMode: 'Indexed', completions: 3, successPolicy: { rules: [{ succeededIndexes: '0-1', succeededCount: 3 }, { succeededIndexes: '2,1' }, {}] } });
    expect(admit(jobs, k, UID).errors).toEqual([
      'spec.successPolicy.rules[0].succeededCount: Invalid value: 3: must be less than or equal to 2 (the number of indexes in the specified succeededIndexes field)',
      'spec.successPolicy.rules[1].succeededIndexes: Invalid value: "2,1": error parsing succeededIndexes: overlapping intervals or non-increasing order, previous: 2, current: 1',
      'spec.successPolicy.rules[2]: Required value: at least one of succeededCount or succeededIndexes must be specified',
    ]);
    const m = structuredClone(kubectlCreate) as any;
    m.spec.completionMode = 'Indexed';
    expect(admit(jobs, m, UID).errors).toEqual([]); // completions defaulted to 1
    m.spec.completionMode = 'Sometimes';
    expect(admit(jobs, m, UID).errors).toEqual(['spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"']);
  });

  it('rejects a hand-written selector unless manualSelector is set', () => {
    const j = structuredClone(kubectlCreate) as any;
    j.spec.selector = { matchLabels: { app: 'pi' } };
    j.spec.template.metadata.labels = { app: 'pi' };
    expect(admit(jobs, j, UID).errors).toEqual([
      'spec.selector: Invalid value: {"matchLabels":{"app":"pi","batch.kubernetes.io/controller-uid":"8f3e2a4c-1111-4222-8333-944455556666"}}: `selector` not auto-generated',
    ]);
    j.spec.manualSelector = true;
    const { obj, errors } = admit(jobs, j, UID);
    expect(errors).toEqual([]);
    expect(obj.spec.selector).toEqual({ matchLabels: { app: 'pi' } });
  });

  it('checks the host names of indexed pods', () => {
    const j = structuredClone(kubectlCreate) as any;
    j.metadata.name = 'a'.repeat(62);
    Object.assign(j.spec, { completionMode: 'Indexed', completions: 10 });
    expect(admit(jobs, j, UID).errors).toEqual([`metadata.name: Invalid value: "${'a'.repeat(62)}": will not able to create pod with invalid DNS label: ${'a'.repeat(62)}-9`]);
  });

  it('keeps the template and selector immutable except for suspended jobs that never started', () => {
    const created = admit(jobs, kubectlCreate, UID).obj;
    const next = structuredClone(created);
    next.spec.template.spec.containers[0].image = 'perl:5';
    next.spec.template.spec.nodeSelector = { zone: 'a' };
    const errs = admitUpdate(jobs, created, next);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^spec\.template: Invalid value: .*: field is immutable$/);
    const suspended = structuredClone(created);
    suspended.spec.suspend = true;
    const moved = structuredClone(suspended);
    moved.spec.template.spec.nodeSelector = { zone: 'a' };
    moved.spec.template.metadata.annotations = { queue: 'q1' };
    expect(admitUpdate(jobs, suspended, moved)).toEqual([]);
    moved.spec.selector.matchLabels.x = 'y';
    expect(admitUpdate(jobs, suspended, moved).some((e) => e.startsWith('spec.selector: Invalid value:') && e.endsWith('field is immutable'))).toBe(true);
  });

  it('lets Indexed jobs resize only with parallelism in step', () => {
    const j = structuredClone(kubectlCreate) as any;
    Object.assign(j.spec, { completionMode: 'Indexed', completions: 2, parallelism: 2 });
    const created = admit(jobs, j, UID).obj;
    const next = structuredClone(created);
    next.spec.completions = 4;
    expect(admitUpdate(jobs, created, next)).toEqual(['spec.completions: Invalid value: 4: can only be modified in tandem with spec.parallelism']);
    next.spec.parallelism = 4;
    expect(admitUpdate(jobs, created, next)).toEqual([]);
  });

  it('exposes status.successful as a field selector', () => {
    expect(jobs.fields!({ metadata: {}, status: { succeeded: 2 } } as any)).toEqual({ 'status.successful': '2' });
    expect(jobs.fields!({ metadata: {} } as any)).toEqual({ 'status.successful': '0' });
  });

  it('generates nothing for manual selectors', () => {
    const j: any = { metadata: { name: 'x', uid: 'u' }, spec: { manualSelector: true } };
    jobGenerateSelector(j);
    expect(j.spec.selector).toBeUndefined();
  });
});
