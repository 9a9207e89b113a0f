// The Service resource.
import type { KObject, ResourceDef } from '../../../registry/types';
import { dns1035Label } from '../../../validation/names';
import { service, type ServiceSpec } from './schema';
import { defaultServiceSpec, keepAllocated, validateServiceSpec, validateServiceUpdate } from './logic';

export { service, serviceSpec, servicePort } from './schema';

export interface Service extends KObject {
  spec: ServiceSpec;
}

export const serviceResource: ResourceDef<Service> = {
  group: '',
  version: 'v1',
  kind: 'Service',
  plural: 'services',
  singular: 'service',
  namespaced: true,
  shortNames: ['svc'],
  categories: ['all'],
  schema: service,
  status: true,
  generation: 'none',
  nameValidator: dns1035Label,
  prepareForCreate(obj) {
    // Status is owned by controllers; a new service starts with an empty load balancer status.
    obj.status = { loadBalancer: {} };
  },
  defaults(obj) {
    defaultServiceSpec((obj.spec ??= {}));
  },
  validate(obj, errs) {
    validateServiceSpec(obj.spec ?? {}, errs);
  },
  validateUpdate(obj, old, errs) {
    // The registry has no prepareForUpdate hook yet, so allocated values are carried over here.
    obj.spec ??= {};
    keepAllocated(obj.spec, old.spec ?? {});
    validateServiceUpdate(obj.spec ?? {}, old.spec ?? {}, errs);
  },
  fields(obj) {
    return { 'spec.clusterIP': obj.spec?.clusterIP ?? '', 'spec.type': obj.spec?.type ?? '' };
  },
};
