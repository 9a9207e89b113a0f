// The ResourceQuota resource: aggregate limits on resource use in a namespace.
import { z } from 'zod';
import type { KObject, ResourceDef } from '../../registry/types';
import { kobject, atomicList } from '../../schemas/meta';
import { dns1123Subdomain } from '../../validation/names';
import { FieldErrors } from '../../validation/field-errors';
import { enumValue, resourceListValues } from './common/checks';
import { coreId, opt } from './common/util';
import { resourceList } from './common/refs';

const QUOTA_SCOPES = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity', 'VolumeAttributesClass'] as const;
const SCOPE_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

const scopedResourceSelectorRequirement = z
  .strictObject({
    scopeName: z.string().meta({ description: 'Quota scope the requirement applies to.' }),
    operator: z.string().meta({ description: 'In, NotIn, Exists or DoesNotExist.' }),
    values: opt(atomicList(z.string())),
  })
  .meta({ id: coreId('ScopedResourceSelectorRequirement'), description: 'A scope name, operator and values.' });

const resourceQuotaSpec = z
  .strictObject({
    hard: opt(resourceList(), 'Hard limit per named resource, e.g. pods or requests.cpu.'),
    scopes: opt(atomicList(z.string()), 'Scopes every tracked object must match.'),
    scopeSelector: opt(
      z
        .strictObject({ matchExpressions: opt(atomicList(scopedResourceSelectorRequirement)) })
        .meta({ id: coreId('ScopeSelector'), description: 'Requirements over quota scopes.', 'x-kubernetes-map-type': 'atomic' }),
    ),
  })
  .meta({ id: coreId('ResourceQuotaSpec'), description: 'The hard limits to enforce.' });

const resourceQuotaStatus = z
  .strictObject({
    hard: opt(resourceList(), 'Enforced hard limits.'),
    used: opt(resourceList(), 'Current observed usage.'),
  })
  .meta({ id: coreId('ResourceQuotaStatus'), description: 'The enforced limits and current usage.' });

export const resourceQuota = kobject(coreId('ResourceQuota'), 'Limits the total resources consumed in a namespace.', {
  spec: opt(resourceQuotaSpec),
  status: opt(resourceQuotaStatus),
});

interface ResourceQuota extends KObject {
  spec?: z.infer<typeof resourceQuotaSpec>;
  status?: z.infer<typeof resourceQuotaStatus>;
}

function validateQuota(obj: ResourceQuota, errs: FieldErrors) {
  resourceListValues(errs, 'spec.hard', obj.spec?.hard);
  resourceListValues(errs, 'status.hard', obj.status?.hard);
  resourceListValues(errs, 'status.used', obj.status?.used);
  (obj.spec?.scopes ?? []).forEach((s, i) => enumValue(errs, `spec.scopes[${i}]`, s, QUOTA_SCOPES));
  (obj.spec?.scopeSelector?.matchExpressions ?? []).forEach((r, i) => {
    const rp = `spec.scopeSelector.matchExpressions[${i}]`;
    enumValue(errs, `${rp}.scopeName`, r.scopeName, QUOTA_SCOPES);
    enumValue(errs, `${rp}.operator`, r.operator, SCOPE_OPERATORS);
    const hasValues = (r.values?.length ?? 0) > 0;
    if ((r.operator === 'In' || r.operator === 'NotIn') && !hasValues)
      errs.required(`${rp}.values`, 'must be at least one value when `operator` is \'In\' or \'NotIn\' for scope selector');
    if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && hasValues)
      errs.invalid(`${rp}.values`, r.values, 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\'');
  });
}

export const resourceQuotaResource: ResourceDef<ResourceQuota> = {
  group: '',
  version: 'v1',
  kind: 'ResourceQuota',
  plural: 'resourcequotas',
  singular: 'resourcequota',
  namespaced: true,
  shortNames: ['quota'],
  schema: resourceQuota,
  status: true,
  generation: 'none',
  nameValidator: dns1123Subdomain,
  validate: validateQuota,
};
