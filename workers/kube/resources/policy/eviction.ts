// policy/v1 Eviction: the body POSTed to pods/<name>/eviction (not a stored resource).
import { z } from 'zod';
import { int64, kobject } from '../../schemas/meta';
import { opt } from '../apps/common/util';
import { policyId } from './pdb';

const metaId = (name: string) => `io.k8s.apimachinery.pkg.apis.meta.v1.${name}`;

export const preconditions = z
  .strictObject({
    uid: opt(z.string(), 'Delete only if the object still has this UID.'),
    resourceVersion: opt(z.string(), 'Delete only if the object is still at this resourceVersion.'),
  })
  .meta({ id: metaId('Preconditions'), description: 'Conditions a delete requires.' });

export const deleteOptions = z
  .strictObject({
    apiVersion: opt(z.string()),
    kind: opt(z.string()),
    gracePeriodSeconds: opt(int64(), 'Seconds before the object is deleted; 0 means immediately.'),
    preconditions: opt(preconditions, 'Conditions that must hold for the delete to happen.'),
    orphanDependents: opt(z.boolean(), 'Deprecated: use propagationPolicy.'),
    propagationPolicy: opt(z.string(), 'Orphan, Background or Foreground garbage collection of dependents.'),
    dryRun: opt(z.array(z.string()).meta({ 'x-kubernetes-list-type': 'atomic' }), 'All: check without deleting.'),
    ignoreStoreReadErrorWithClusterBreakingPotential: opt(z.boolean(), 'Force-delete objects that cannot be read from storage.'),
  })
  .meta({ id: metaId('DeleteOptions'), description: 'Options of a delete request.' });

export const eviction = kobject(policyId('Eviction'), 'Asks to delete a pod while respecting its disruption budgets.', {
  deleteOptions: opt(deleteOptions, 'Options for the pod deletion.'),
});

export type Eviction = z.infer<typeof eviction>;
