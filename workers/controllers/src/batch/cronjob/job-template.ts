// The Job a CronJob creates for one scheduled time (upstream's getJobFromTemplate2): the template's
// labels, annotations and spec, a deterministic name, the scheduled-timestamp annotation, and the
// CronJob as controller.
import { controllerRef } from '../../controllers/common/controller-ref';
import { jobNameFor, rfc3339In } from './times';
import { SCHEDULED_TIMESTAMP, type CronJob, type Job } from './types';

export function jobFromCronJob(cj: CronJob, scheduled: number, timeZone: string): Job {
  const t = cj.spec?.jobTemplate ?? {};
  const owner = { ...cj, apiVersion: cj.apiVersion ?? 'batch/v1', kind: cj.kind ?? 'CronJob' };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobNameFor(cj, scheduled),
      namespace: cj.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}) },
      annotations: { ...(t.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP]: rfc3339In(scheduled, timeZone) },
      ownerReferences: [controllerRef(owner)],
    },
    spec: structuredClone(t.spec ?? {}),
  };
}
