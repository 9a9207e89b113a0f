// networking.k8s.io/v1 IngressClass: names the controller that implements Ingresses of a class.
import { z } from 'zod';
import type { KObject, ResourceDef } from '../../registry/types';
import { kobject } from '../../schemas/meta';
import type { FieldErrors } from '../../validation/field-errors';
import { dns1123Label, dns1123Subdomain, pathSegmentName } from '../../validation/names';

const parametersReference = z
  .strictObject({
    apiGroup: z.string().optional().meta({ description: 'Group of the parameters resource; empty for the core group.' }),
    kind: z.string().meta({ description: 'Kind of the parameters resource.' }),
    name: z.string().meta({ description: 'Name of the parameters resource.' }),
    scope: z.string().optional().meta({ description: 'Cluster or Namespace; defaults to Cluster.' }),
    namespace: z.string().optional().meta({ description: 'Namespace of the parameters resource when scope is Namespace.' }),
  })
  .meta({ id: 'io.k8s.api.networking.v1.IngressClassParametersReference', description: 'Points at a controller-specific configuration object.' });

const ingressClassSpec = z
  .strictObject({
    controller: z.string().optional().meta({ description: 'Domain-prefixed name of the implementing controller, e.g. "example.com/ingress". Immutable.' }),
    parameters: parametersReference.optional().meta({ description: 'Extra configuration for the controller.' }),
  })
  .meta({ id: 'io.k8s.api.networking.v1.IngressClassSpec', description: 'Desired state of an IngressClass.' });

export const ingressClassSchema = kobject('io.k8s.api.networking.v1.IngressClass', 'A class of Ingresses and the controller that serves them.', {
  spec: ingressClassSpec.optional(),
});

type Spec = z.infer<typeof ingressClassSpec>;
type IngressClass = KObject & { spec?: Spec };

const MAX_CONTROLLER = 250;
const httpPathRe = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

function validateController(c: string, errs: FieldErrors) {
  const p = 'spec.controller';
  if (c.length > MAX_CONTROLLER) errs.tooLong(p, MAX_CONTROLLER);
  if (!c) return errs.required(p);
  const slash = c.indexOf('/');
  const host = c.slice(0, slash);
  const path = c.slice(slash + 1);
  if (slash <= 0 || !path) return errs.invalid(p, c, 'must be a domain-prefixed path (such as "acme.io/foo")');
  for (const m of dns1123Subdomain(host)) errs.invalid(p, host, m);
  if (!httpPathRe.test(path)) errs.invalid(p, path, "Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')");
}

function validateParameters(params: Spec['parameters'], errs: FieldErrors) {
  if (!params) return;
  const p = 'spec.parameters';
  if (!params.scope) errs.required(`${p}.scope`);
  else if (params.scope !== 'Cluster' && params.scope !== 'Namespace') errs.notSupported(`${p}.scope`, params.scope, ['Cluster', 'Namespace']);
  else if (params.scope === 'Namespace') {
    if (params.namespace === undefined) errs.required(`${p}.namespace`, "`parameters.scope` is set to 'Namespace'");
    else for (const m of dns1123Label(params.namespace)) errs.invalid(`${p}.namespace`, params.namespace, m);
  } else if (params.namespace !== undefined) errs.forbidden(`${p}.namespace`, "`parameters.scope` is set to 'Cluster'");
  if (params.apiGroup) for (const m of dns1123Subdomain(params.apiGroup)) errs.invalid(`${p}.apiGroup`, params.apiGroup, m);
  for (const key of ['kind', 'name'] as const) {
    const v = params[key];
    if (!v) errs.required(`${p}.${key}`);
    else for (const m of pathSegmentName(v)) errs.invalid(`${p}.${key}`, v, m);
  }
}

export const ingressClass: ResourceDef<IngressClass> = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'IngressClass',
  plural: 'ingressclasses',
  singular: 'ingressclass',
  namespaced: false,
  schema: ingressClassSchema,
  generation: 'spec',
  defaults(obj) {
    const params = obj.spec?.parameters;
    if (params && !params.scope) params.scope = 'Cluster';
  },
  validate(obj, errs) {
    validateController(obj.spec?.controller ?? '', errs);
    validateParameters(obj.spec?.parameters, errs);
  },
  validateUpdate(obj, old, errs) {
    const now = obj.spec?.controller ?? '';
    if (now !== (old.spec?.controller ?? '')) errs.immutable('spec.controller', now);
  },
};
