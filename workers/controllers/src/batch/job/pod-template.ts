// The pod a Job creates: its template, controlled by the Job, with the tracking finalizer; for
// Indexed jobs also the completion index (annotation, label, hostname, JOB_COMPLETION_INDEX).
import { controllerRef } from '../../controllers/common/controller-ref';
import { COMPLETION_INDEX, COMPLETION_INDEX_ENV, INDEX_FAILURE_COUNT, TRACKING_FINALIZER, type Job, type Pod } from './types';

type Container = Pod['spec']['containers'][number];

/** Upstream keeps generated names short enough for the 5-character random suffix. */
function prefix(name: string): string {
  const base = `${name}-`;
  return base.length <= 58 ? base : base.slice(0, 58);
}

function withIndexEnv(c: Container): Container {
  if ((c.env ?? []).some((e) => e.name === COMPLETION_INDEX_ENV)) return c;
  const env = { name: COMPLETION_INDEX_ENV, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.annotations['${COMPLETION_INDEX}']` } } };
  return { ...c, env: [...(c.env ?? []), env] };
}

export interface PodForJobOptions {
  /** Completion index (Indexed jobs). */
  index?: number;
  /** backoffLimitPerIndex: how many times this index failed before. */
  indexFailures?: number;
}

export function podForJob(job: Job, opts: PodForJobOptions = {}): Pod {
  const t = job.spec?.template ?? {};
  const owner = { ...job, apiVersion: job.apiVersion ?? 'batch/v1', kind: job.kind ?? 'Job' };
  const meta = t.metadata ?? {};
  const name = job.metadata.name ?? '';
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: prefix(name),
      namespace: job.metadata.namespace,
      labels: { ...(meta.labels ?? {}) },
      annotations: { ...(meta.annotations ?? {}) },
      ownerReferences: [controllerRef(owner)],
      finalizers: [...new Set([...(meta.finalizers ?? []), TRACKING_FINALIZER])],
    },
    spec: structuredClone(t.spec ?? { containers: [] }),
  };
  if (opts.index !== undefined) {
    const ix = String(opts.index);
    pod.metadata.generateName = prefix(`${name}-${ix}`);
    pod.metadata.annotations![COMPLETION_INDEX] = ix;
    pod.metadata.labels![COMPLETION_INDEX] = ix;
    pod.spec.hostname = `${name}-${ix}`.slice(0, 63).replace(/-+$/, '');
    pod.spec.containers = pod.spec.containers.map(withIndexEnv);
    if (pod.spec.initContainers) pod.spec.initContainers = pod.spec.initContainers.map(withIndexEnv);
  }
  if (opts.indexFailures !== undefined) pod.metadata.annotations![INDEX_FAILURE_COUNT] = String(opts.indexFailures);
  if (!Object.keys(pod.metadata.annotations!).length) delete pod.metadata.annotations;
  return pod;
}
