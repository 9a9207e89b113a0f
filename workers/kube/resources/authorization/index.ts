// authorization.k8s.io/v1: access reviews. They are not stored: the API answers them from its
// authorizer when they are created (kubectl auth can-i).
import { z } from 'zod';
import type { ResourceDef } from '../../registry/types';
import { kobject } from '../../schemas/meta';

const id = (t: string) => `io.k8s.api.authorization.v1.${t}`;
const str = (d: string) => z.string().optional().meta({ description: d });

export const resourceAttributes = z
  .strictObject({
    namespace: str('Namespace of the action; empty for cluster-scoped resources or all namespaces.'),
    verb: str('A Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection, or *.'),
    group: str('API group of the resource; "*" means all.'),
    version: str('API version of the resource; "*" means all.'),
    resource: str('Resource type, e.g. pods; "*" means all.'),
    subresource: str('Subresource, e.g. log or status.'),
    name: str('Name of the object; empty means all.'),
    fieldSelector: z.record(z.string(), z.unknown()).optional(),
    labelSelector: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: id('ResourceAttributes'), description: 'The attributes of a request for a resource.' });

export const nonResourceAttributes = z
  .strictObject({ path: str('URL path, e.g. /healthz.'), verb: str('HTTP verb as a Kubernetes verb, e.g. get.') })
  .meta({ id: id('NonResourceAttributes'), description: 'The attributes of a request for a non-resource URL.' });

const accessStatus = z
  .strictObject({
    allowed: z.boolean().meta({ description: 'Whether the action would be allowed.' }),
    denied: z.boolean().optional(),
    reason: z.string().optional(),
    evaluationError: z.string().optional(),
  })
  .meta({ id: id('SubjectAccessReviewStatus'), description: 'The outcome of an access review.' });

export const selfSubjectAccessReview = kobject(id('SelfSubjectAccessReview'), 'Asks whether the current user may perform an action.', {
  spec: z
    .strictObject({ resourceAttributes: resourceAttributes.optional(), nonResourceAttributes: nonResourceAttributes.optional() })
    .meta({ id: id('SelfSubjectAccessReviewSpec'), description: 'The action to check: exactly one of resourceAttributes or nonResourceAttributes.' }),
  status: accessStatus.optional(),
});

export const subjectAccessReview = kobject(id('SubjectAccessReview'), 'Asks whether a given user or group may perform an action.', {
  spec: z
    .strictObject({
      resourceAttributes: resourceAttributes.optional(),
      nonResourceAttributes: nonResourceAttributes.optional(),
      user: z.string().optional(),
      groups: z.array(z.string()).optional(),
      extra: z.record(z.string(), z.array(z.string())).optional(),
      uid: z.string().optional(),
    })
    .meta({ id: id('SubjectAccessReviewSpec'), description: 'The subject and the action to check.' }),
  status: accessStatus.optional(),
});

const rule = z.strictObject({
  verbs: z.array(z.string()),
  apiGroups: z.array(z.string()).optional(),
  resources: z.array(z.string()).optional(),
  resourceNames: z.array(z.string()).optional(),
});
const nonResourceRule = z.strictObject({ verbs: z.array(z.string()), nonResourceURLs: z.array(z.string()).optional() });

export const selfSubjectRulesReview = kobject(id('SelfSubjectRulesReview'), 'Lists what the current user may do in a namespace.', {
  spec: z.strictObject({ namespace: z.string().optional() }).meta({ id: id('SelfSubjectRulesReviewSpec'), description: 'The namespace to list rules for.' }),
  status: z
    .strictObject({
      resourceRules: z.array(rule.meta({ id: id('ResourceRule') })),
      nonResourceRules: z.array(nonResourceRule.meta({ id: id('NonResourceRule') })),
      incomplete: z.boolean(),
      evaluationError: z.string().optional(),
    })
    .optional()
    .meta({ id: id('SubjectRulesReviewStatus') }),
});

const review = (kind: string, plural: string, schema: z.ZodType, namespaced = false): ResourceDef => ({
  group: 'authorization.k8s.io',
  version: 'v1',
  kind,
  plural,
  singular: plural.replace(/s$/, ''),
  namespaced,
  verbs: ['create'],
  schema,
  generation: 'none',
});

export const resources: ResourceDef<any>[] = [
  review('SelfSubjectAccessReview', 'selfsubjectaccessreviews', selfSubjectAccessReview),
  review('SelfSubjectRulesReview', 'selfsubjectrulesreviews', selfSubjectRulesReview),
  review('SubjectAccessReview', 'subjectaccessreviews', subjectAccessReview),
];
