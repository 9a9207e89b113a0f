// Builders for the CronJob decision tests.
import { controllerRef } from '../../controllers/common/controller-ref';
import type { CronJob, CronJobStatus, Job } from './types';

type Spec = NonNullable<CronJob['spec']>;

export const iso = (s: string) => Date.parse(s);

export function cronJob(spec: Partial<Spec> = {}, status?: CronJobStatus, created = '2024-01-01T00:00:00Z'): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'tick', namespace: 'default', uid: 'uid-tick', creationTimestamp: created },
    spec: {
      schedule: '* * * * *',
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: { metadata: { labels: { app: 'tick' } }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } },
      ...spec,
    },
    ...(status ? { status } : {}),
  };
}

export function ownedJob(cj: CronJob, name: string, o: { state?: 'running' | 'complete' | 'failed'; start?: string; completion?: string } = {}): Job {
  const j: Job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: 'default', uid: `uid-${name}`, ownerReferences: [controllerRef(cj)] }, spec: {}, status: {} };
  if (o.start) j.status!.startTime = o.start;
  if (o.state === 'complete') Object.assign(j.status!, { conditions: [{ type: 'Complete', status: 'True' }], completionTime: o.completion ?? o.start });
  if (o.state === 'failed') j.status!.conditions = [{ type: 'Failed', status: 'True' }];
  return j;
}
