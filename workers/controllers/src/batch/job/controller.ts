// The Job controller: runtime adapter around syncJob. Actions go in the order that keeps counting
// exact: the status (with newly finished pods as uncounted) first, then finalizer removal, then pod
// deletions and creations. The status is written with its resourceVersion, so a stale cache costs a
// conflict and a retry, never a double count.
import type { KObject } from '../../../../kube/registry/types';
import { matchesLabels, selectorFromLabelSelector } from '../../../../kube/selectors/labels';
import { controllerRef } from '../../controllers/common/controller-ref';
import { runSlowStart } from '../../controllers/replicaset/slow-start';
import { deepEqual } from '../../../../kube/json/deep-equal';
import { type ControllerSpec, type ReconcileContext, POD_POKE_MS } from '../../runtime/types';
import { ignoreGone, JOBS, jobPath, keyOf, podPath, removePodFinalizer, splitKey, controllerKey } from '../paths';
import { podForJob } from './pod-template';
import { syncJob, type JobDecision } from './sync';
import { hasTrackingFinalizer, TRACKING_FINALIZER, type Job, type Pod } from './types';

function backoffFrom(env: Readonly<Record<string, unknown>> | undefined) {
  const num = (k: string, d: number) => {
    const v = Number(env?.[k]);
    return Number.isFinite(v) && v >= 0 && env?.[k] !== undefined && env?.[k] !== '' ? v : d;
  };
  return { baseMs: num('JOB_BACKOFF_BASE_SECONDS', 10) * 1000, maxMs: num('JOB_BACKOFF_MAX_SECONDS', 360) * 1000 };
}

function selects(job: KObject, pod: KObject): boolean {
  try {
    return matchesLabels(selectorFromLabelSelector((job.spec as { selector?: never } | undefined)?.selector), pod.metadata.labels);
  } catch {
    return false; // an invalid selector adopts nothing
  }
}

export const jobController: ControllerSpec = {
  name: 'job-controller',
  watches: [
    { resource: JOBS, listPath: '/apis/batch/v1/jobs' },
    { resource: 'pods', listPath: '/api/v1/pods', pokeIntervalMs: POD_POKE_MS },
  ],
  keysFor(resource, obj, old, cache) {
    if (resource === JOBS) return [keyOf(obj)];
    const keys = new Set<string>();
    for (const o of [obj, old]) {
      if (!o) continue;
      const owner = controllerKey(o, 'Job');
      if (owner) keys.add(owner);
      else for (const j of cache.list(JOBS, o.metadata.namespace)) if (selects(j, o)) keys.add(keyOf(j));
    }
    return [...keys];
  },
  async reconcile(key, ctx) {
    const { namespace, name } = splitKey(key);
    const job = ctx.cache.get(JOBS, key) as Job | undefined;
    const pods = ctx.cache.list('pods', namespace) as Pod[];
    await releaseOrphans(ctx, namespace, name, job?.metadata.uid, pods);
    if (!job) return;
    const d = syncJob(job, pods, new Date(ctx.now), { backoff: backoffFrom(ctx.env) });
    await carryOut(ctx, job, namespace, d);
    return d.requeueAfterMs !== undefined ? { requeueAfterMs: d.requeueAfterMs } : undefined;
  },
};

/** Pods of a Job that is gone (or was recreated under the same name) must not keep its finalizer. */
async function releaseOrphans(ctx: ReconcileContext, namespace: string, name: string, uid: string | undefined, pods: Pod[]) {
  for (const p of pods) {
    const ref = (p.metadata.ownerReferences ?? []).find((r) => r.controller && r.kind === 'Job' && r.name === name);
    if (ref && ref.uid !== uid && hasTrackingFinalizer(p)) await removePodFinalizer(ctx.api, namespace, p.metadata.name!, TRACKING_FINALIZER);
  }
}

async function carryOut(ctx: ReconcileContext, job: Job, namespace: string, d: JobDecision) {
  const api = ctx.api;
  const ownerPatch = (p: Pod, patch: unknown) => ignoreGone(api.patch(podPath(namespace, p.metadata.name!), patch, 'application/strategic-merge-patch+json'), true);
  for (const p of d.adopt) await ownerPatch(p, { metadata: { ownerReferences: [controllerRef({ ...job, apiVersion: 'batch/v1', kind: 'Job' })] } });
  for (const p of d.release) await ownerPatch(p, { metadata: { ownerReferences: [{ $patch: 'delete', uid: job.metadata.uid }] } });
  // 1. Status first: a finished pod is recorded as uncounted before its finalizer goes.
  if (!deepEqual(d.status, job.status ?? {})) {
    await api.update(jobPath(namespace, job.metadata.name!, 'status'), { ...job, apiVersion: 'batch/v1', kind: 'Job', status: d.status });
  }
  // 2. Finalizers.
  await Promise.all(d.removeFinalizers.map((p) => removePodFinalizer(api, namespace, p.metadata.name!, TRACKING_FINALIZER)));
  // 3. Deletions (suspension and excess pods lose their finalizer first: they are not counted).
  for (const { pod, dropFinalizer } of d.deletePods) {
    if (dropFinalizer && hasTrackingFinalizer(pod)) await removePodFinalizer(api, namespace, pod.metadata.name!, TRACKING_FINALIZER);
    const gone = await ignoreGone(api.delete(podPath(namespace, pod.metadata.name!), { preconditions: { uid: pod.metadata.uid } }), true);
    if (gone) ctx.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
  }
  // 4. Creations, in slow-start batches.
  if (d.create.length) {
    const queue = [...d.create];
    const res = await runSlowStart(queue.length, async () => {
      const created = await api.create<KObject>(podPath(namespace), podForJob(job, queue.shift()));
      ctx.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
    });
    if (res.errors.length) {
      ctx.event(job, 'Warning', 'FailedCreate', `Error creating: ${String((res.errors[0] as Error).message ?? res.errors[0])}`);
      throw res.errors[0];
    }
  }
  for (const e of d.events) ctx.event(job, e.type, e.reason, e.message);
  if (d.deleteJob) {
    await ignoreGone(api.delete(jobPath(namespace, job.metadata.name!), { propagationPolicy: 'Background', preconditions: { uid: job.metadata.uid } }), true);
  }
}
