import { describe, expect, it } from 'vitest';
import { matchPodFailurePolicy } from './failure-policy';
import { job, jobPod } from './testing';
import type { PodFailurePolicyRule } from './types';

const withRules = (rules: PodFailurePolicyRule[], perIndex?: number) => job({ podFailurePolicy: { rules }, ...(perIndex !== undefined ? { backoffLimitPerIndex: perIndex } : {}) });

describe('matchPodFailurePolicy', () => {
  const failed = (exitCode: number, conditions?: { type: string; status: string }[]) => jobPod(job(), 'p', { phase: 'Failed', exitCode, conditions });
  it.each([
    { name: 'without a policy every failure counts', rules: undefined, pod: failed(1), want: { count: true } },
    { name: 'FailJob on a listed exit code', rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }], pod: failed(42), want: { count: true, action: 'FailJob', message: 'Container main for pod default/p failed with exit code 42 matching FailJob rule at index 0' } },
    { name: 'an unlisted exit code falls through and counts', rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }], pod: failed(1), want: { count: true } },
    { name: 'NotIn matches other non-zero codes', rules: [{ action: 'Ignore', onExitCodes: { operator: 'NotIn', values: [1] } }], pod: failed(3), want: { count: false, action: 'Ignore' } },
    { name: 'a rule for another container does not match', rules: [{ action: 'Ignore', onExitCodes: { containerName: 'side', operator: 'In', values: [3] } }], pod: failed(3), want: { count: true } },
    { name: 'Ignore on a pod condition (disruption)', rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }], pod: failed(137, [{ type: 'DisruptionTarget', status: 'True' }]), want: { count: false, action: 'Ignore' } },
    { name: 'the first matching rule wins', rules: [{ action: 'Count', onExitCodes: { operator: 'In', values: [5] } }, { action: 'FailJob', onExitCodes: { operator: 'In', values: [5] } }], pod: failed(5), want: { count: true, action: 'Count' } },
  ] as { name: string; rules?: PodFailurePolicyRule[]; pod: ReturnType<typeof failed>; want: object }[])('$name', ({ rules, pod, want }) => {
    const j = rules ? withRules(rules) : job();
    expect(matchPodFailurePolicy(j, pod)).toEqual(want);
  });

  it('FailIndex applies only with backoffLimitPerIndex', () => {
    const rules: PodFailurePolicyRule[] = [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [7] } }];
    expect(matchPodFailurePolicy(withRules(rules, 1), jobPod(job(), 'p', { phase: 'Failed', exitCode: 7 })).action).toBe('FailIndex');
    expect(matchPodFailurePolicy(withRules(rules), jobPod(job(), 'p', { phase: 'Failed', exitCode: 7 })).action).toBeUndefined();
  });

  it('names the condition in a FailJob message for pod conditions', () => {
    const j = withRules([{ action: 'FailJob', onPodConditions: [{ type: 'ConfigIssue' }] }]);
    expect(matchPodFailurePolicy(j, jobPod(j, 'p', { phase: 'Failed', conditions: [{ type: 'ConfigIssue', status: 'True' }] })).message).toBe('Pod default/p has condition ConfigIssue matching FailJob rule at index 0');
  });
});
