import { describe, expect, it } from 'vitest';
import { admit } from '../resources/networking/admit.testing';
import { clusterRole as clusterRoleDef, clusterRoleBinding as clusterRoleBindingDef } from '../resources/rbac';
import { defaultClusterRoleBindings, defaultClusterRoles } from './defaults';
import { anonymous, person, serviceAccount } from './rbac.testing';
import { RbacSnapshot } from './snapshot';
import type { RbacAttributes, RbacUser } from './types';

const roles = defaultClusterRoles();
const bindings = defaultClusterRoleBindings();
const snap = new RbacSnapshot({ clusterRoles: roles, clusterRoleBindings: bindings });

describe('default policy objects', () => {
  it('pass the ClusterRole and ClusterRoleBinding schemas and validation', () => {
    for (const r of roles) expect(admit(clusterRoleDef, r), r.metadata.name).toMatchObject({ issues: [], causes: [] });
    for (const b of bindings) expect(admit(clusterRoleBindingDef, b), b.metadata.name).toMatchObject({ issues: [], causes: [] });
  });

  it('carry the bootstrap label and the autoupdate annotation', () => {
    for (const o of [...roles, ...bindings]) {
      expect(o.metadata.labels['kubernetes.io/bootstrapping']).toBe('rbac-defaults');
      expect(o.metadata.annotations['rbac.authorization.kubernetes.io/autoupdate']).toBe('true');
    }
  });

  it('have unique names, and every binding points at a default role', () => {
    const names = new Set(roles.map((r) => r.metadata.name));
    expect(names.size).toBe(roles.length);
    expect(new Set(bindings.map((b) => b.metadata.name)).size).toBe(bindings.length);
    for (const b of bindings) expect(names.has(b.roleRef.name), b.roleRef.name).toBe(true);
  });

  it('are fresh objects on each call', () => {
    defaultClusterRoles()[0].rules.push({ verbs: ['x'] });
    expect(defaultClusterRoles()).toEqual(roles);
  });

  it('label view into edit and edit into admin', () => {
    const byName = new Map(roles.map((r) => [r.metadata.name, r]));
    expect(byName.get('view')!.metadata.labels['rbac.authorization.k8s.io/aggregate-to-edit']).toBe('true');
    expect(byName.get('edit')!.metadata.labels['rbac.authorization.k8s.io/aggregate-to-admin']).toBe('true');
    expect(byName.get('admin')!.aggregationRule).toEqual({ clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } }] });
  });
});

const r = (verb: string, group: string, resource: string, namespace?: string, subresource?: string): RbacAttributes => ({ verb, group, resource, namespace, subresource });
const path = (p: string): RbacAttributes => ({ verb: 'get', path: p });

// Grants through a namespace binding, to test the aggregated user-facing roles.
function grantedIn(roleName: string): (a: RbacAttributes) => boolean {
  const s = new RbacSnapshot({
    clusterRoles: roles,
    roleBindings: [{ metadata: { name: 'b', namespace: 'ns' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName }, subjects: [{ kind: 'User', name: 'u' }] }],
  });
  return (a) => s.authorize({ name: 'u', groups: [] }, { ...a, namespace: 'ns' }).allowed;
}

describe('what the user-facing roles grant in a namespace', () => {
  const view = grantedIn('view');
  const edit = grantedIn('edit');
  const admin = grantedIn('admin');
  // attributes, view, edit, admin
  const cases: [string, RbacAttributes, boolean, boolean, boolean][] = [
    ['reading pods', r('list', '', 'pods'), true, true, true],
    ['reading pod logs', r('get', '', 'pods', undefined, 'log'), true, true, true],
    ['exec into pods', r('create', '', 'pods', undefined, 'exec'), false, true, true],
    ['reading secrets', r('get', '', 'secrets'), false, true, true],
    ['creating deployments', r('create', 'apps', 'deployments'), false, true, true],
    ['scaling deployments', r('update', 'apps', 'deployments', undefined, 'scale'), false, true, true],
    ['reading deployment scale', r('get', 'apps', 'deployments', undefined, 'scale'), true, true, true],
    ['deleting cronjobs', r('delete', 'batch', 'cronjobs'), false, true, true],
    ['creating ingresses', r('create', 'networking.k8s.io', 'ingresses'), false, true, true],
    ['reading network policies', r('list', 'networking.k8s.io', 'networkpolicies'), true, true, true],
    ['patching horizontal pod autoscalers', r('patch', 'autoscaling', 'horizontalpodautoscalers'), false, true, true],
    ['creating persistent volume claims', r('create', '', 'persistentvolumeclaims'), false, true, true],
    ['creating service account tokens', r('create', '', 'serviceaccounts', undefined, 'token'), false, true, true],
    ['reading events', r('watch', '', 'events'), true, true, true],
    ['creating roles', r('create', 'rbac.authorization.k8s.io', 'roles'), false, false, true],
    ['creating role bindings', r('create', 'rbac.authorization.k8s.io', 'rolebindings'), false, false, true],
    ['updating resource quotas', r('update', '', 'resourcequotas'), false, false, false],
    ['updating pod status', r('update', '', 'pods', undefined, 'status'), false, false, false],
    ['deleting the namespace', r('delete', '', 'namespaces'), false, false, false],
  ];
  it.each(cases)('%s: view %s, edit %s, admin %s', (_n, a, v, e, ad) => {
    expect([view(a), edit(a), admin(a)]).toEqual([v, e, ad]);
  });
});

describe('what the default bindings grant', () => {
  const node: RbacUser = { name: 'system:node:n1', groups: ['system:nodes', 'system:authenticated'] };
  const scheduler = person('system:kube-scheduler');
  const kcm = person('system:kube-controller-manager');
  const cases: [string, RbacUser, RbacAttributes, boolean][] = [
    ['anonymous may read /healthz', anonymous, path('/healthz'), true],
    ['anonymous may read /version', anonymous, path('/version'), true],
    ['anonymous may not discover APIs', anonymous, path('/apis'), false],
    ['anonymous may not list pods', anonymous, r('list', '', 'pods', 'default'), false],
    ['users may discover APIs', person('u'), path('/apis/apps/v1'), true],
    ['users may ask what they can do', person('u'), r('create', 'authorization.k8s.io', 'selfsubjectaccessreviews'), true],
    ['users may review their own rules', person('u'), r('create', 'authorization.k8s.io', 'selfsubjectrulesreviews'), true],
    ['users may see who they are', person('u'), r('create', 'authentication.k8s.io', 'selfsubjectreviews'), true],
    ['users may not list pods', person('u'), r('list', '', 'pods', 'default'), false],
    ['service accounts may read the issuer discovery document', serviceAccount('a', 'b'), path('/openid/v1/jwks'), true],
    ['the scheduler may bind pods', scheduler, r('create', '', 'pods', 'default', 'binding'), true],
    ['the scheduler may watch nodes', scheduler, r('watch', '', 'nodes'), true],
    ['the scheduler may update its lease only', scheduler, { ...r('update', 'coordination.k8s.io', 'leases', 'kube-system'), name: 'kube-scheduler' }, true],
    ['the scheduler may not update other leases', scheduler, { ...r('update', 'coordination.k8s.io', 'leases', 'kube-system'), name: 'other' }, false],
    ['the scheduler may not create deployments', scheduler, r('create', 'apps', 'deployments', 'default'), false],
    ['the controller manager may create replica sets', kcm, r('create', 'apps', 'replicasets', 'default'), true],
    ['the controller manager may update deployment status', kcm, r('update', 'apps', 'deployments', 'default', 'status'), true],
    ['the controller manager may create pods', kcm, r('create', '', 'pods', 'default'), true],
    ['the controller manager may not create deployments', kcm, r('create', 'apps', 'deployments', 'default'), false],
    ['a node may update node status', node, r('patch', '', 'nodes', undefined, 'status'), true],
    ['a node may renew leases', node, r('update', 'coordination.k8s.io', 'leases', 'kube-node-lease'), true],
    ['a node may update pod status', node, r('update', '', 'pods', 'default', 'status'), true],
    ['a node may read secrets (the node authorizer narrows this)', node, r('get', '', 'secrets', 'default'), true],
    ['a node may request service account tokens', node, r('create', '', 'serviceaccounts', 'default', 'token'), true],
    ['a node may not delete nodes', node, r('delete', '', 'nodes'), false],
    ['a node may not create deployments', node, r('create', 'apps', 'deployments', 'default'), false],
    ['system:masters may do anything', person('root', 'system:masters'), r('delete', 'x', 'y'), true],
  ];
  it.each(cases)('%s', (_n, user, a, want) => {
    expect(snap.authorize(user, a).allowed).toBe(want);
  });
});
