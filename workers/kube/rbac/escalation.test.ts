import { describe, expect, it } from 'vitest';
import { defaultClusterRoleBindings, defaultClusterRoles } from './defaults';
import { checkBindingEscalation, checkEscalation, checkRoleEscalation } from './escalation';
import { Group, SA, User, clusterRole, clusterRoleBinding, person, role, roleBinding, rule, serviceAccount } from './rbac.testing';
import { RbacSnapshot } from './snapshot';
import type { BindingObject, ClusterRoleObject } from './types';

const RBAC = 'rbac.authorization.k8s.io';
const podsRead = rule(['get', 'list', 'watch'], [''], ['pods']);

const snap = new RbacSnapshot({
  roles: [role('dev', 'pod-reader', [podsRead])],
  clusterRoles: [
    ...defaultClusterRoles(),
    clusterRole('role-escalator', [rule(['escalate'], [RBAC], ['roles'])]),
    clusterRole('named-escalator', [rule(['escalate'], [RBAC], ['roles'], ['x'])]),
    clusterRole('edit-binder', [rule(['bind'], [RBAC], ['clusterroles'], ['edit'])]),
  ],
  roleBindings: [
    roleBinding('dev', 'alice', 'Role:pod-reader', [User('alice')]),
    roleBinding('dev', 'dev-admins', 'ClusterRole:admin', [Group('dev-admins')]),
    roleBinding('dev', 'viewers', 'ClusterRole:view', [User('victor')]),
    roleBinding('dev', 'esc', 'ClusterRole:role-escalator', [User('esc')]),
    roleBinding('dev', 'nesc', 'ClusterRole:named-escalator', [User('nesc')]),
    roleBinding('dev', 'binder', 'ClusterRole:edit-binder', [User('binder')]),
    roleBinding('dev', 'ci', 'ClusterRole:edit', [SA('ci')]),
    roleBinding('dev', 'broken', 'ClusterRole:gone', [User('alice')]),
  ],
  clusterRoleBindings: [...defaultClusterRoleBindings(), clusterRoleBinding('all-reader', 'ClusterRole:view', [User('carl')])],
});

const newRole = (rules: ReturnType<typeof rule>[], name = 'x') => ({ kind: 'Role' as const, obj: role('dev', name, rules), namespace: 'dev' });
const binding = (ns: string, ref: string, name = 'b'): BindingObject =>
  ns ? roleBinding(ns, name, ref, [User('someone')]) : clusterRoleBinding(name, ref, [User('someone')]);
const bind = (ns: string, ref: string) => ({ kind: ns ? ('RoleBinding' as const) : ('ClusterRoleBinding' as const), obj: binding(ns, ref), namespace: ns });

describe('checkRoleEscalation', () => {
  it('allows a role whose rules the user holds', () => {
    expect(checkRoleEscalation(snap, person('alice'), newRole([rule(['get'], [''], ['pods'])]))).toBeUndefined();
  });

  it('forbids a rule the user lacks, worded as upstream', () => {
    const err = checkRoleEscalation(snap, person('alice'), newRole([rule(['get', 'delete'], [''], ['pods'])]));
    expect(err?.code).toBe(403);
    expect(err?.message).toBe(
      'roles.rbac.authorization.k8s.io "x" is forbidden: user "alice" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}' +
        '; resolution errors: [clusterrole.rbac.authorization.k8s.io "gone" not found]',
    );
    expect(err?.details).toEqual({ name: 'x', group: RBAC, kind: 'roles' });
  });

  it('lists missing permissions merged by verb, one per line, sorted', () => {
    const err = checkRoleEscalation(
      snap,
      person('victor'),
      newRole([rule(['create', 'update'], ['apps'], ['deployments']), rule(['get', 'create'], [''], ['nodes', 'configmaps']), podsRead]),
    );
    expect(err?.message.split('\n')).toEqual([
      'roles.rbac.authorization.k8s.io "x" is forbidden: user "victor" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:',
      '{APIGroups:[""], Resources:["configmaps"], Verbs:["create"]}',
      '{APIGroups:[""], Resources:["nodes"], Verbs:["get" "create"]}',
      '{APIGroups:["apps"], Resources:["deployments"], Verbs:["create" "update"]}',
    ]);
  });

  it('allows anything to a user with escalate on roles', () => {
    expect(checkRoleEscalation(snap, person('esc'), newRole([rule(['*'], ['*'], ['*'])]))).toBeUndefined();
  });

  it('honours resourceNames on escalate: updating that role passes, creating does not', () => {
    const change = newRole([rule(['*'], ['*'], ['*'])]);
    expect(checkRoleEscalation(snap, person('nesc'), { ...change, requestName: 'x' })).toBeUndefined();
    expect(checkRoleEscalation(snap, person('nesc'), change)?.code).toBe(403);
  });

  it('always allows system:masters', () => {
    expect(checkRoleEscalation(snap, person('root', 'system:masters'), newRole([rule(['*'], ['*'], ['*'])]))).toBeUndefined();
  });

  it('lets a namespace admin create roles within admin, not beyond', () => {
    expect(checkRoleEscalation(snap, person('bob', 'dev-admins'), newRole([rule(['create'], [''], ['pods/exec']), rule(['get'], [''], ['secrets'])]))).toBeUndefined();
    expect(checkRoleEscalation(snap, person('bob', 'dev-admins'), { ...newRole([rule(['get'], [''], ['pods'])]), namespace: 'prod' })?.code).toBe(403);
  });

  it('skips the check when only owner references or finalizers change', () => {
    const old = role('dev', 'x', [rule(['*'], ['*'], ['*'])]);
    const next = { ...old, metadata: { ...old.metadata, finalizers: ['f'], ownerReferences: [] } };
    expect(checkRoleEscalation(snap, person('alice'), { kind: 'Role', obj: next, old, namespace: 'dev' })).toBeUndefined();
    const changed = { ...next, metadata: { ...next.metadata, labels: { a: 'b' } } };
    expect(checkRoleEscalation(snap, person('alice'), { kind: 'Role', obj: changed, old, namespace: 'dev' })?.code).toBe(403);
  });

  it('requires full authority to set or drop an aggregationRule', () => {
    const agg: ClusterRoleObject = clusterRole('agg', [], { aggregateFrom: [{ a: 'b' }] });
    const err = checkRoleEscalation(snap, person('carl'), { kind: 'ClusterRole', obj: agg, namespace: '' });
    expect(err?.message).toBe('clusterroles.rbac.authorization.k8s.io "agg" is forbidden: must have cluster-admin privileges to use the aggregationRule');
    const plain = clusterRole('agg', []);
    expect(checkRoleEscalation(snap, person('carl'), { kind: 'ClusterRole', obj: plain, old: agg, namespace: '' })?.code).toBe(403);
    expect(checkRoleEscalation(snap, person('carl'), { kind: 'ClusterRole', obj: plain, namespace: '' })).toBeUndefined();
    const admin = new RbacSnapshot({ clusterRoles: defaultClusterRoles(), clusterRoleBindings: [clusterRoleBinding('ca', 'ClusterRole:cluster-admin', [User('ann')])] });
    expect(checkRoleEscalation(admin, person('ann'), { kind: 'ClusterRole', obj: agg, namespace: '' })).toBeUndefined();
  });
});

describe('checkBindingEscalation', () => {
  it('lets a namespace admin grant view, edit and admin in their namespace', () => {
    for (const r of ['view', 'edit', 'admin']) expect(checkBindingEscalation(snap, person('bob', 'dev-admins'), bind('dev', `ClusterRole:${r}`))).toBeUndefined();
  });

  it('forbids a namespace admin from granting admin in another namespace or cluster-wide', () => {
    const err = checkBindingEscalation(snap, person('bob', 'dev-admins'), bind('prod', 'ClusterRole:admin'));
    expect(err?.message).toMatch(/^rolebindings\.rbac\.authorization\.k8s\.io "b" is forbidden: user "bob" \(groups=\["dev-admins" "system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:\n/);
    expect(checkBindingEscalation(snap, person('bob', 'dev-admins'), bind('', 'ClusterRole:view'))?.message).toMatch(/^clusterrolebindings\.rbac\.authorization\.k8s\.io "b" is forbidden/);
  });

  it('forbids a viewer from granting edit, listing what edit adds', () => {
    const err = checkBindingEscalation(snap, person('victor'), bind('dev', 'ClusterRole:edit'));
    expect(err?.message.split('\n')).toContain('{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list" "watch" "create" "delete" "deletecollection" "patch" "update"]}');
    // view already grants pods/log, so it is not among what is missing.
    expect(err?.message.split('\n').some((l) => l.includes('"pods/log"'))).toBe(false);
  });

  it('allows binding a role the user may bind without holding it', () => {
    expect(checkBindingEscalation(snap, person('binder'), bind('dev', 'ClusterRole:edit'))).toBeUndefined();
    expect(checkBindingEscalation(snap, person('binder'), bind('dev', 'ClusterRole:admin'))?.code).toBe(403);
    // The bind permission came from a RoleBinding in dev, so it does not reach cluster-wide bindings.
    expect(checkBindingEscalation(snap, person('binder'), bind('', 'ClusterRole:edit'))?.code).toBe(403);
  });

  it('lets a service account grant what it holds in its namespace', () => {
    expect(checkBindingEscalation(snap, serviceAccount('dev', 'ci'), bind('dev', 'ClusterRole:view'))).toBeUndefined();
    expect(checkBindingEscalation(snap, serviceAccount('dev', 'ci'), bind('dev', 'ClusterRole:admin'))?.code).toBe(403);
  });

  it('answers 404 for a role that does not exist', () => {
    const err = checkBindingEscalation(snap, person('alice'), bind('dev', 'ClusterRole:nope'));
    expect(err?.code).toBe(404);
    expect(err?.message).toBe('clusterrole.rbac.authorization.k8s.io "nope" not found');
    expect(checkBindingEscalation(snap, person('alice'), bind('dev', 'Role:nope'))?.message).toBe('role.rbac.authorization.k8s.io "nope" not found');
  });

  it('binds namespaced Roles from the binding namespace', () => {
    expect(checkBindingEscalation(snap, person('alice'), bind('dev', 'Role:pod-reader'))).toBeUndefined();
  });

  it('always allows system:masters, even to a missing role', () => {
    expect(checkBindingEscalation(snap, person('root', 'system:masters'), bind('', 'ClusterRole:nope'))).toBeUndefined();
  });

  it('dispatches by kind through checkEscalation', () => {
    expect(checkEscalation(snap, person('victor'), bind('dev', 'ClusterRole:edit'))?.code).toBe(403);
    expect(checkEscalation(snap, person('alice'), newRole([podsRead]))).toBeUndefined();
  });
});
