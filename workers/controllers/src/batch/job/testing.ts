// Builders for the Job decision tests: a job and its pods with only what a case is about.
import { controllerRef } from '../../controllers/common/controller-ref';
import { T0, at, ts } from '../../controllers/testing/builders';
import { COMPLETION_INDEX, INDEX_FAILURE_COUNT, TRACKING_FINALIZER, type Job, type JobSpec, type JobStatus, type Pod } from './types';

export { T0, at, ts };

export function job(spec: Partial<JobSpec> = {}, status?: JobStatus, name = 'pi'): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: ts(0) },
    spec: {
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': `uid-${name}` } },
      template: { metadata: { labels: { 'batch.kubernetes.io/controller-uid': `uid-${name}` } }, spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } },
      ...spec,
    },
    ...(status ? { status } : {}),
  };
}

export interface JobPodOpts {
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  index?: number;
  /** Keep the tracking finalizer (default true). */
  tracked?: boolean;
  deleting?: boolean;
  exitCode?: number;
  /** Seconds after T0 the container finished. */
  finished?: number;
  ready?: boolean;
  indexFailures?: number;
  conditions?: { type: string; status: string }[];
  restarts?: number;
}

export function jobPod(owner: Job, name: string, o: JobPodOpts = {}): Pod {
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      labels: { ...(owner.spec?.template?.metadata?.labels ?? {}) },
      ownerReferences: [controllerRef(owner)],
      creationTimestamp: ts(0),
    },
    spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] },
    status: { phase: o.phase ?? 'Running', conditions: [...(o.conditions ?? []), ...(o.ready ? [{ type: 'Ready', status: 'True' }] : [])] },
  };
  if (o.tracked !== false) p.metadata.finalizers = [TRACKING_FINALIZER];
  if (o.deleting) p.metadata.deletionTimestamp = ts(0);
  const ann: Record<string, string> = {};
  if (o.index !== undefined) ann[COMPLETION_INDEX] = String(o.index);
  if (o.indexFailures !== undefined) ann[INDEX_FAILURE_COUNT] = String(o.indexFailures);
  if (Object.keys(ann).length) p.metadata.annotations = ann;
  if (o.exitCode !== undefined || o.restarts !== undefined) {
    const terminated = o.exitCode !== undefined ? { terminated: { exitCode: o.exitCode, finishedAt: ts(o.finished ?? 0) } } : { running: {} };
    p.status!.containerStatuses = [{ name: 'main', image: 'busybox', imageID: '', ready: false, restartCount: o.restarts ?? 0, state: terminated }];
  }
  return p;
}

export const names = (pods: { metadata: { name?: string } }[]) => pods.map((p) => p.metadata.name);
export const condTypes = (s: JobStatus) => (s.conditions ?? []).filter((c) => c.status === 'True').map((c) => c.type);
