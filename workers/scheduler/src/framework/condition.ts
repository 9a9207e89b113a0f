// The PodScheduled condition users see for a scheduling outcome.
import type { ScheduleResult } from './schedule-one';

export interface PodScheduledCondition {
  type: 'PodScheduled';
  status: 'True' | 'False';
  reason?: 'Unschedulable' | 'SchedulerError';
  message?: string;
}

export function podScheduledCondition(r: ScheduleResult): PodScheduledCondition | undefined {
  if ('skipped' in r) return undefined;
  if ('node' in r) return { type: 'PodScheduled', status: 'True' };
  const d = r.unschedulable;
  // "no nodes available" is a verdict too; only plugin failures are scheduler errors.
  const isError = d.error !== undefined && d.numAllNodes > 0;
  return { type: 'PodScheduled', status: 'False', reason: isError ? 'SchedulerError' : 'Unschedulable', message: d.message };
}
