// podFailurePolicy: the first rule matching a failed pod decides what its failure means (upstream's
// matchPodFailurePolicy): FailJob, FailIndex, Ignore (not counted) or Count; no match counts it.
import type { Job, Pod } from './types';

export type FailureAction = 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';

export interface FailureMatch {
  /** Counted toward backoffLimit / status.failed. */
  count: boolean;
  /** The matched rule's action; undefined when no rule matched. */
  action?: FailureAction;
  /** For FailJob: the condition message, as upstream words it. */
  message?: string;
}

type ContainerStatus = NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number];

function exitCodeMatch(pod: Pod, req: { containerName?: string; operator: string; values: number[] }): ContainerStatus | undefined {
  const lists = [pod.status?.containerStatuses ?? [], pod.status?.initContainerStatuses ?? []];
  for (const list of lists) {
    for (const cs of list) {
      const code = cs.state?.terminated?.exitCode;
      // A container still running (or terminating) has no exit code to match; 0 never matches.
      if (code === undefined || code === 0) continue;
      if (req.containerName && req.containerName !== cs.name) continue;
      if (req.values.includes(code) === (req.operator === 'In')) return cs;
    }
  }
  return undefined;
}

function conditionMatch(pod: Pod, patterns: { type: string; status?: string }[]): string | undefined {
  for (const p of patterns) {
    const c = (pod.status?.conditions ?? []).find((x) => x.type === p.type && x.status === (p.status || 'True'));
    if (c) return c.type;
  }
  return undefined;
}

export function matchPodFailurePolicy(job: Job, pod: Pod): FailureMatch {
  const rules = job.spec?.podFailurePolicy?.rules;
  if (!rules) return { count: true };
  const who = `${pod.metadata.namespace}/${pod.metadata.name}`;
  for (const [i, rule] of rules.entries()) {
    let message: string | undefined;
    if (rule.onExitCodes) {
      const cs = exitCodeMatch(pod, rule.onExitCodes);
      if (!cs) continue;
      message = `Container ${cs.name} for pod ${who} failed with exit code ${cs.state?.terminated?.exitCode} matching ${rule.action} rule at index ${i}`;
    } else if (rule.onPodConditions) {
      const type = conditionMatch(pod, rule.onPodConditions);
      if (!type) continue;
      message = `Pod ${who} has condition ${type} matching ${rule.action} rule at index ${i}`;
    } else continue;
    switch (rule.action) {
      case 'Ignore':
        return { count: false, action: 'Ignore' };
      case 'Count':
        return { count: true, action: 'Count' };
      case 'FailIndex':
        // Only meaningful with backoffLimitPerIndex (validation enforces it); otherwise try the next rule.
        if (job.spec?.backoffLimitPerIndex === undefined) continue;
        return { count: true, action: 'FailIndex' };
      case 'FailJob':
        return { count: true, action: 'FailJob', message };
    }
  }
  return { count: true };
}
