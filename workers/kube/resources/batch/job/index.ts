// The Job resource (batch/v1).
import type { ResourceDef } from '../../../registry/types';
import type { Stored } from '../../apps/common/types';
import { defaultJob, jobGenerateSelector } from './defaults';
import { job, type Job } from './schema';
import { validateJob, validateJobUpdate } from './validate';

export { job, jobSpec, jobTemplateSpec, type Job, type JobSpec } from './schema';
export { defaultJob, defaultJobSpec, jobGenerateSelector } from './defaults';

export const jobs: ResourceDef<Stored<Job>> = {
  group: 'batch',
  version: 'v1',
  kind: 'Job',
  plural: 'jobs',
  singular: 'job',
  namespaced: true,
  categories: ['all'],
  schema: job,
  status: true,
  generation: 'spec',
  // The server assigns metadata.uid before this runs, and the selector is built from it.
  prepareForCreate: jobGenerateSelector,
  defaults: defaultJob,
  validate: validateJob,
  validateUpdate: validateJobUpdate,
  fields: (j) => ({ 'status.successful': String(j.status?.succeeded ?? 0) }),
};
