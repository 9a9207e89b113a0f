// The CronJob controller: runtime adapter around syncCronJob. Deletions first (history, Replace),
// then the new Job, then the status naming it; the runtime's requeue wakes it at the next activation.
import { StatusError } from '../../../../kube/status';
import { deepEqual } from '../../../../kube/json/deep-equal';
import type { ControllerSpec, ReconcileContext } from '../../runtime/types';
import { controllerKey, cronJobPath, CRONJOBS, ignoreGone, JOBS, jobPath, keyOf, splitKey } from '../paths';
import { syncCronJob, withCreated, type CronJobDecision } from './sync';
import type { CronJob, CronJobStatus, Job } from './types';

export const cronJobController: ControllerSpec = {
  name: 'cronjob-controller',
  watches: [
    { resource: CRONJOBS, listPath: '/apis/batch/v1/cronjobs' },
    { resource: JOBS, listPath: '/apis/batch/v1/jobs' },
  ],
  keysFor(resource, obj, old) {
    if (resource === CRONJOBS) return [keyOf(obj)];
    const keys = new Set<string>();
    for (const o of [obj, old]) {
      const k = o && controllerKey(o, 'CronJob');
      if (k) keys.add(k);
    }
    return [...keys];
  },
  async reconcile(key, ctx) {
    const cj = ctx.cache.get(CRONJOBS, key) as CronJob | undefined;
    if (!cj) return;
    const { namespace } = splitKey(key);
    const d = syncCronJob(cj, ctx.cache.list(JOBS, namespace) as Job[], ctx.now);
    await carryOut(ctx, cj, namespace, d);
    return d.requeueAfterMs !== undefined ? { requeueAfterMs: d.requeueAfterMs } : undefined;
  },
};

async function createJob(ctx: ReconcileContext, cj: CronJob, namespace: string, job: Job): Promise<Job | undefined> {
  try {
    const created = await ctx.api.create<Job>(jobPath(namespace), job);
    ctx.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata.name}`);
    return created;
  } catch (e) {
    if (e instanceof StatusError && e.code === 409) {
      // Same name, same activation: ours from an earlier pass whose status write was lost.
      const existing = await ctx.api.getOrNull<Job>(jobPath(namespace, job.metadata.name!));
      if (existing?.metadata.ownerReferences?.some((r) => r.controller && r.uid === cj.metadata.uid)) return existing;
    }
    ctx.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${(e as Error).message}`);
    throw e;
  }
}

async function carryOut(ctx: ReconcileContext, cj: CronJob, namespace: string, d: CronJobDecision) {
  for (const j of d.deleteJobs) {
    const gone = await ignoreGone(ctx.api.delete(jobPath(namespace, j.metadata.name!), { propagationPolicy: 'Background', preconditions: { uid: j.metadata.uid } }), true);
    if (gone) ctx.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`);
  }
  let status: CronJobStatus = d.status;
  if (d.create) {
    const created = await createJob(ctx, cj, namespace, d.create.job);
    if (created) status = withCreated(status, created, d.create.scheduledTime);
  }
  for (const e of d.events) ctx.event(cj, e.type, e.reason, e.message);
  if (!deepEqual(status, cj.status ?? {})) {
    await ctx.api.update(cronJobPath(namespace, cj.metadata.name!, 'status'), { ...cj, apiVersion: 'batch/v1', kind: 'CronJob', status });
  }
}
