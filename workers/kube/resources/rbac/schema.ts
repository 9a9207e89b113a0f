// rbac.authorization.k8s.io/v1 types: rules (what is allowed) and bindings (to whom).
import { z } from 'zod';
import { atomicList, kobject, labelSelector } from '../../schemas/meta';

const id = (t: string) => `io.k8s.api.rbac.v1.${t}`;

export const policyRule = z
  .strictObject({
    verbs: atomicList(z.string(), 'Verbs allowed, e.g. get, list, watch; "*" means all.').optional(),
    apiGroups: atomicList(z.string(), 'API groups of the resources; "" is the core group, "*" all groups.').optional(),
    resources: atomicList(z.string(), 'Resources (and "resource/subresource") the rule covers; "*" means all.').optional(),
    resourceNames: atomicList(z.string(), 'Object names the rule is limited to; empty means any.').optional(),
    nonResourceURLs: atomicList(z.string(), 'Non-resource paths such as /healthz; cluster roles only.').optional(),
  })
  .meta({ id: id('PolicyRule'), description: 'Actions allowed on a set of resources or non-resource URLs.' });

export const aggregationRule = z
  .strictObject({
    clusterRoleSelectors: atomicList(labelSelector, 'ClusterRoles whose rules are merged into this one.').optional(),
  })
  .meta({ id: id('AggregationRule'), description: 'Builds a ClusterRole from the rules of other ClusterRoles.' });

export const subject = z
  .strictObject({
    kind: z.string().meta({ description: 'User, Group or ServiceAccount.' }),
    apiGroup: z.string().optional().meta({ description: '"" for ServiceAccount, rbac.authorization.k8s.io for User and Group.' }),
    name: z.string().meta({ description: 'Name of the subject.' }),
    namespace: z.string().optional().meta({ description: 'Namespace of a ServiceAccount subject.' }),
  })
  .meta({ id: id('Subject'), description: 'A user, group or service account a binding grants to.', 'x-kubernetes-map-type': 'atomic' });

export const roleRef = z
  .strictObject({
    // Optional because it defaults to rbac.authorization.k8s.io.
    apiGroup: z.string().optional().meta({ description: 'Always rbac.authorization.k8s.io (the default).' }),
    kind: z.string().meta({ description: 'Role or ClusterRole.' }),
    name: z.string().meta({ description: 'Name of the role.' }),
  })
  .meta({ id: id('RoleRef'), description: 'The role a binding grants. Immutable.', 'x-kubernetes-map-type': 'atomic' });

const rules = atomicList(policyRule, 'What the role allows.').optional();

export const roleSchema = kobject(id('Role'), 'A namespaced set of permissions.', { rules });

export const clusterRoleSchema = kobject(id('ClusterRole'), 'A cluster-wide set of permissions, usable in any namespace.', {
  rules,
  aggregationRule: aggregationRule.optional().meta({ description: 'When set, the rules are computed by the controller from selected ClusterRoles.' }),
});

const bindingShape = {
  subjects: atomicList(subject, 'Who gets the role.').optional(),
  roleRef,
};

export const roleBindingSchema = kobject(id('RoleBinding'), 'Grants a Role or ClusterRole within one namespace.', bindingShape);
export const clusterRoleBindingSchema = kobject(id('ClusterRoleBinding'), 'Grants a ClusterRole across the cluster.', bindingShape);

export type PolicyRule = z.infer<typeof policyRule>;
export type Subject = z.infer<typeof subject>;
export type RoleRef = z.infer<typeof roleRef>;
