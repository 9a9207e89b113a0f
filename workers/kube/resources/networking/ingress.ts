import type { KObject, ResourceDef } from '../../registry/types';
import { ingressSchema, type IngressSpec } from './ingress-schema';
import { validateIngressSpec, validateLoadBalancer } from './ingress-validate';

type Ingress = KObject & {
  spec?: IngressSpec;
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
};

const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

export const ingress: ResourceDef<Ingress> = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'Ingress',
  plural: 'ingresses',
  singular: 'ingress',
  namespaced: true,
  shortNames: ['ing'],
  schema: ingressSchema,
  status: true,
  generation: 'spec',
  validate(obj, errs) {
    validateIngressSpec(obj.spec, errs);
    validateLoadBalancer(obj.status?.loadBalancer?.ingress, 'status.loadBalancer.ingress', errs);
    // The legacy class annotation and the field must agree, or controllers would disagree on ownership.
    const annotated = obj.metadata.annotations?.[CLASS_ANNOTATION];
    const cls = obj.spec?.ingressClassName;
    if (annotated !== undefined && cls !== undefined && annotated !== cls)
      errs.invalid(`annotations.${CLASS_ANNOTATION}`, annotated, 'must match `ingressClassName` when both are specified');
  },
};
