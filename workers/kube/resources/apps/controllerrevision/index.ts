// apps/v1 ControllerRevision: an immutable snapshot of a StatefulSet's or DaemonSet's template.
import { z } from 'zod';
import type { ResourceDef } from '../../../registry/types';
import { anyJson, int64, kobject } from '../../../schemas/meta';
import { FieldErrors } from '../../../validation/field-errors';
import { nonNegative, semanticEqual } from '../common/checks';
import type { Stored } from '../common/types';
import { appsId, opt } from '../common/util';

export const controllerRevision = kobject(appsId('ControllerRevision'), 'A saved, immutable copy of workload state that rollbacks return to.', {
  // Opaque to the API (a RawExtension): any JSON the owning controller chose to store.
  data: opt(anyJson().meta({ type: 'object' }), 'The saved state, in the owner\'s own format.'),
  revision: opt(int64(), 'Required. Order of this revision among its owner\'s revisions.'),
});

export type ControllerRevision = z.infer<typeof controllerRevision>;

export function validateControllerRevision(cr: ControllerRevision, errs: FieldErrors) {
  if (cr.data === undefined) errs.required('data', 'data is mandatory');
  nonNegative(errs, 'revision', cr.revision);
}

export const controllerRevisions: ResourceDef<Stored<ControllerRevision>> = {
  group: 'apps',
  version: 'v1',
  kind: 'ControllerRevision',
  plural: 'controllerrevisions',
  singular: 'controllerrevision',
  namespaced: true,
  schema: controllerRevision,
  generation: 'none',
  validate: validateControllerRevision,
  validateUpdate(cr, old, errs) {
    if (!semanticEqual(cr.data, old.data)) errs.immutable('data', cr.data);
  },
};
