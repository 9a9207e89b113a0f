// The LimitRange resource: per-object resource bounds and defaults in a namespace.
import { z } from 'zod';
import type { KObject, ResourceDef } from '../../registry/types';
import { kobject, atomicList } from '../../schemas/meta';
import { dns1123Subdomain } from '../../validation/names';
import { FieldErrors } from '../../validation/field-errors';
import { enumValue, resourceListValues } from './common/checks';
import { parseQuantity } from './common/quantity';
import { coreId, opt } from './common/util';
import { resourceList } from './common/refs';

const limitRangeItem = z
  .strictObject({
    type: z.string().meta({ description: 'Pod, Container or PersistentVolumeClaim.' }),
    max: opt(resourceList(), 'Maximum usage per resource.'),
    min: opt(resourceList(), 'Minimum usage per resource.'),
    default: opt(resourceList(), 'Limit applied when a container sets none.'),
    defaultRequest: opt(resourceList(), 'Request applied when a container sets none.'),
    maxLimitRequestRatio: opt(resourceList(), 'Maximum limit-to-request ratio per resource.'),
  })
  .meta({ id: coreId('LimitRangeItem'), description: 'Bounds for one kind of object.' });

export const limitRange = kobject(coreId('LimitRange'), 'Sets resource bounds and defaults for objects in a namespace.', {
  spec: opt(
    z
      .strictObject({ limits: atomicList(limitRangeItem, 'Bounds to enforce.') })
      .meta({ id: coreId('LimitRangeSpec'), description: 'The limits to enforce.' }),
  ),
});

type Item = z.infer<typeof limitRangeItem>;
interface LimitRange extends KObject {
  spec?: { limits: Item[] };
}

const q = (v: string | number | undefined) => (v === undefined ? undefined : parseQuantity(v));

function validateItem(item: Item, path: string, errs: FieldErrors) {
  enumValue(errs, `${path}.type`, item.type, ['Container', 'PersistentVolumeClaim', 'Pod']);
  for (const k of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const) resourceListValues(errs, `${path}.${k}`, item[k]);
  if (item.type === 'Pod' && (item.default || item.defaultRequest))
    errs.forbidden(`${path}.${item.default ? 'default' : 'defaultRequest'}`, 'may not be specified when `type` is \'Pod\'');
  const names = new Set([...Object.keys(item.max ?? {}), ...Object.keys(item.min ?? {}), ...Object.keys(item.default ?? {}), ...Object.keys(item.defaultRequest ?? {})]);
  for (const r of names) {
    const [max, min, def, defReq] = [q(item.max?.[r]), q(item.min?.[r]), q(item.default?.[r]), q(item.defaultRequest?.[r])];
    if (min !== undefined && max !== undefined && min > max) errs.invalid(`${path}.min[${r}]`, item.min?.[r], `min value ${item.min?.[r]} is greater than max value ${item.max?.[r]}`);
    if (defReq !== undefined && max !== undefined && defReq > max) errs.invalid(`${path}.defaultRequest[${r}]`, item.defaultRequest?.[r], `default request value ${item.defaultRequest?.[r]} is greater than max value ${item.max?.[r]}`);
    if (defReq !== undefined && min !== undefined && defReq < min) errs.invalid(`${path}.defaultRequest[${r}]`, item.defaultRequest?.[r], `min value ${item.min?.[r]} is greater than default request value ${item.defaultRequest?.[r]}`);
    if (def !== undefined && max !== undefined && def > max) errs.invalid(`${path}.default[${r}]`, item.default?.[r], `default value ${item.default?.[r]} is greater than max value ${item.max?.[r]}`);
    if (def !== undefined && min !== undefined && def < min) errs.invalid(`${path}.default[${r}]`, item.default?.[r], `min value ${item.min?.[r]} is greater than default value ${item.default?.[r]}`);
    if (defReq !== undefined && def !== undefined && defReq > def) errs.invalid(`${path}.defaultRequest[${r}]`, item.defaultRequest?.[r], `default request value ${item.defaultRequest?.[r]} is greater than default limit value ${item.default?.[r]}`);
  }
  for (const [r, v] of Object.entries(item.maxLimitRequestRatio ?? {}))
    if ((q(v) ?? 1) < 1) errs.invalid(`${path}.maxLimitRequestRatio[${r}]`, v, 'ratio must be greater than or equal to 1');
}

export const limitRangeResource: ResourceDef<LimitRange> = {
  group: '',
  version: 'v1',
  kind: 'LimitRange',
  plural: 'limitranges',
  singular: 'limitrange',
  namespaced: true,
  shortNames: ['limits'],
  schema: limitRange,
  generation: 'none',
  nameValidator: dns1123Subdomain,
  defaults(obj) {
    // Container items: max fills the default limit, which (then min) fills the default request.
    const fill = (dst: Record<string, string | number>, src: Record<string, string | number> | undefined) => {
      for (const [k, v] of Object.entries(src ?? {})) dst[k] ??= v;
    };
    for (const item of obj.spec?.limits ?? []) {
      if (item.type !== 'Container') continue;
      const def = { ...(item.default ?? {}) };
      fill(def, item.max);
      const req = { ...(item.defaultRequest ?? {}) };
      fill(req, def);
      fill(req, item.min);
      if (Object.keys(def).length) item.default = def;
      if (Object.keys(req).length) item.defaultRequest = req;
    }
  },
  validate(obj, errs) {
    (obj.spec?.limits ?? []).forEach((item, i) => validateItem(item, `spec.limits[${i}]`, errs));
  },
};
