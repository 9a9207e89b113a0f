// One CronJob pass (upstream's syncCronJob), pure: reconcile status.active with the Jobs that exist,
// record the last success, prune history, then decide whether the due activation starts a Job
// (concurrency policy, starting deadline, suspension) and when to look again.
import { timeMs, timestamp } from '../../controllers/common/time';
import { jobFinished, jobSucceeded, jobsToPrune } from './history';
import { jobFromCronJob } from './job-template';
import { parseSchedule, type Schedule } from './schedule';
import { jobNameFor, mostRecentScheduleTime, nextScheduleDelayMs } from './times';
import type { CronJob, CronJobStatus, Job, JobRef } from './types';

export interface CronJobEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface CronJobDecision {
  /** Status before this pass's creation; the runtime adds the created Job to it. */
  status: CronJobStatus;
  /** History pruning and Replace: delete these Jobs (propagation Background). */
  deleteJobs: Job[];
  /** Start this Job; on success add it to status.active and set lastScheduleTime to `scheduledTime`. */
  create?: { job: Job; scheduledTime: number };
  events: CronJobEvent[];
  requeueAfterMs?: number;
}

export const refOfJob = (j: Job): JobRef => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  name: j.metadata.name,
  namespace: j.metadata.namespace,
  uid: j.metadata.uid,
  ...(j.metadata.resourceVersion ? { resourceVersion: j.metadata.resourceVersion } : {}),
});

const controlledBy = (cj: CronJob) => (j: Job) => (j.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === cj.metadata.uid);

/** status.active and lastSuccessfulTime from the Jobs this CronJob controls. */
function reconcileActive(cj: CronJob, jobs: Job[], status: CronJobStatus, events: CronJobEvent[]) {
  const active = new Map((status.active ?? []).map((r) => [r.uid ?? '', r]));
  const seen = new Set<string>();
  for (const j of jobs) {
    const uid = j.metadata.uid ?? '';
    seen.add(uid);
    const finished = jobFinished(j);
    if (!active.has(uid) && !finished) {
      // Created by us just before a restart, or by `kubectl create job --from`: track it.
      events.push({ type: 'Warning', reason: 'UnexpectedJob', message: `Saw a job that the controller did not create or forgot: ${j.metadata.name}` });
      active.set(uid, refOfJob(j));
    } else if (active.has(uid) && finished) {
      active.delete(uid);
      events.push({ type: 'Normal', reason: 'SawCompletedJob', message: `Saw completed job: ${j.metadata.name}, condition: ${jobSucceeded(j) ? 'Complete' : 'Failed'}` });
    }
    if (jobSucceeded(j)) {
      const done = timeMs(j.status?.completionTime);
      const last = timeMs(status.lastSuccessfulTime);
      if (done !== undefined && (last === undefined || done > last)) status.lastSuccessfulTime = j.status!.completionTime;
    }
  }
  // References to Jobs that no longer exist go.
  for (const uid of [...active.keys()]) if (!seen.has(uid)) active.delete(uid);
  const list = [...active.values()];
  if (list.length) status.active = list;
  else delete status.active;
}

export function syncCronJob(cj: CronJob, allJobs: Job[], now: number): CronJobDecision {
  const jobs = allJobs.filter(controlledBy(cj));
  const out: CronJobDecision = { status: structuredClone(cj.status ?? {}), deleteJobs: [], events: [] };
  reconcileActive(cj, jobs, out.status, out.events);
  if (cj.metadata.deletionTimestamp) return out;
  out.deleteJobs = jobsToPrune(cj, jobs);
  if (cj.spec?.suspend) return out;

  let schedule: Schedule;
  try {
    schedule = parseSchedule(cj.spec?.schedule ?? '', cj.spec?.timeZone);
  } catch (e) {
    const reason = /time zone/.test(String(e)) ? 'UnknownTimeZone' : 'UnparseableSchedule';
    out.events.push({ type: 'Warning', reason, message: `unparseable schedule: ${JSON.stringify(cj.spec?.schedule ?? '')} : ${(e as Error).message}` });
    return out;
  }
  const requeue = () => {
    const ms = nextScheduleDelayMs(cj, now, schedule);
    if (ms !== undefined) out.requeueAfterMs = ms;
    return out;
  };
  const due = mostRecentScheduleTime(cj, now, schedule, true);
  if (due.missed === 'many') {
    out.events.push({ type: 'Warning', reason: 'TooManyMissedTimes', message: 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew' });
  }
  const t = due.mostRecent;
  if (t === undefined) return requeue();
  const sds = cj.spec?.startingDeadlineSeconds;
  if (sds !== undefined && t + sds * 1000 < now) {
    out.events.push({ type: 'Warning', reason: 'MissSchedule', message: `Missed scheduled time to start a job: ${new Date(t).toUTCString()}` });
    return requeue();
  }
  const name = jobNameFor(cj, t);
  const active = out.status.active ?? [];
  if (active.some((r) => r.name === name) || timeMs(cj.status?.lastScheduleTime) === t) return requeue();
  if (cj.spec?.concurrencyPolicy === 'Forbid' && active.length > 0) {
    out.events.push({ type: 'Normal', reason: 'JobAlreadyActive', message: 'Not starting job because prior execution is running and concurrency policy is Forbid' });
    return requeue();
  }
  if (cj.spec?.concurrencyPolicy === 'Replace' && active.length > 0) {
    const byUid = new Map(jobs.map((j) => [j.metadata.uid, j]));
    for (const r of active) {
      const j = byUid.get(r.uid);
      if (j && !out.deleteJobs.includes(j)) out.deleteJobs.push(j);
    }
    delete out.status.active;
  }
  out.create = { job: jobFromCronJob(cj, t, schedule.timeZone), scheduledTime: t };
  return requeue();
}

/** The status once `created` (the Job for `scheduledTime`) exists. */
export function withCreated(status: CronJobStatus, created: Job, scheduledTime: number): CronJobStatus {
  const active = (status.active ?? []).filter((r) => r.uid !== created.metadata.uid);
  return { ...status, active: [...active, refOfJob(created)], lastScheduleTime: timestamp(new Date(scheduledTime)) };
}
