import { describe, expect, it } from 'vitest';
import { Group, SA, User, anonymous, clusterRole, clusterRoleBinding, person, role, roleBinding, rule, serviceAccount } from './rbac.testing';
import { RbacSnapshot } from './snapshot';
import type { RbacAttributes } from './types';

const podReader = rule(['get', 'list', 'watch'], [''], ['pods']);
const get = (resource: string, namespace?: string, more: Partial<RbacAttributes> = {}): RbacAttributes => ({ verb: 'get', group: '', resource, namespace, ...more });

const snap = new RbacSnapshot({
  roles: [role('dev', 'pod-reader', [podReader]), role('prod', 'pod-reader', [rule(['get'], [''], ['pods'], ['web'])])],
  clusterRoles: [
    clusterRole('secret-reader', [rule(['get'], [''], ['secrets'])]),
    clusterRole('health', [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/debug/*'] }]),
  ],
  roleBindings: [
    roleBinding('dev', 'alice-pods', 'Role:pod-reader', [User('alice')]),
    roleBinding('prod', 'alice-web', 'Role:pod-reader', [User('alice')]),
    roleBinding('dev', 'devs-secrets', 'ClusterRole:secret-reader', [Group('devs')]),
    roleBinding('dev', 'ci', 'ClusterRole:secret-reader', [SA('ci')]),
    roleBinding('prod', 'ci-from-dev', 'Role:pod-reader', [User('nobody'), SA('ci', 'dev')]),
    roleBinding('prod', 'all-dev-sas', 'ClusterRole:secret-reader', [Group('system:serviceaccounts:dev')]),
    roleBinding('dev', 'broken', 'ClusterRole:gone', [User('frank')]),
    roleBinding('dev', 'broken-role', 'Role:gone', [User('frank')]),
    roleBinding('dev', 'odd', 'Thing:x', [User('gina')]),
  ],
  clusterRoleBindings: [
    clusterRoleBinding('ops-secrets', 'ClusterRole:secret-reader', [Group('ops')]),
    clusterRoleBinding('health', 'ClusterRole:health', [Group('system:authenticated'), Group('system:unauthenticated')]),
    clusterRoleBinding('sa-without-namespace', 'ClusterRole:secret-reader', [SA('lost')]),
    clusterRoleBinding('frank-missing', 'ClusterRole:gone', [User('frank')]),
  ],
});

describe('RbacSnapshot.authorize', () => {
  const cases: [string, ReturnType<typeof person>, RbacAttributes, boolean][] = [
    ['a RoleBinding grants its Role in its namespace', person('alice'), get('pods', 'dev'), true],
    ['a RoleBinding grants nothing in another namespace', person('alice'), get('pods', 'staging'), false],
    ['a RoleBinding grants nothing at cluster scope', person('alice'), get('pods'), false],
    ['a Role with resourceNames allows the named object', person('alice'), get('pods', 'prod', { name: 'web' }), true],
    ['a Role with resourceNames denies other objects', person('alice'), get('pods', 'prod', { name: 'db' }), false],
    ['a Role with resourceNames denies list', person('alice'), { verb: 'list', group: '', resource: 'pods', namespace: 'prod' }, false],
    ['a RoleBinding to a ClusterRole grants it in the binding namespace only', person('bob', 'devs'), get('secrets', 'dev'), true],
    ['a RoleBinding to a ClusterRole grants nothing elsewhere', person('bob', 'devs'), get('secrets', 'prod'), false],
    ['a ClusterRoleBinding grants in every namespace', person('olga', 'ops'), get('secrets', 'anywhere'), true],
    ['a ClusterRoleBinding grants at cluster scope', person('olga', 'ops'), get('secrets'), true],
    ['a ServiceAccount subject without namespace takes the binding namespace', serviceAccount('dev', 'ci'), get('secrets', 'dev'), true],
    ['a same-named ServiceAccount of another namespace does not match', serviceAccount('qa', 'ci'), get('secrets', 'dev'), false],
    ['a ServiceAccount subject with a namespace matches across namespaces', serviceAccount('dev', 'ci'), get('pods', 'prod', { name: 'web' }), true],
    ['the per-namespace service account group matches', serviceAccount('dev', 'other'), get('secrets', 'prod'), true],
    ['a ServiceAccount in a ClusterRoleBinding without namespace matches nobody', serviceAccount('', 'lost'), get('secrets', 'x'), false],
    ['a user name that merely looks like a group does not match the group', person('ops'), get('secrets', 'x'), false],
    ['system:masters is allowed anything without any binding', person('root', 'system:masters'), { verb: 'escalate', group: 'x', resource: 'y' }, true],
    ['non-resource URLs come from ClusterRoleBindings', anonymous, { verb: 'get', path: '/healthz' }, true],
    ['non-resource URL prefixes match', person('z'), { verb: 'get', path: '/debug/pprof' }, true],
    ['a non-resource URL outside the rule is denied', person('z'), { verb: 'get', path: '/metrics' }, false],
    ['a non-resource verb outside the rule is denied', person('z'), { verb: 'post', path: '/healthz' }, false],
  ];
  it.each(cases)('%s', (_n, user, attrs, want) => {
    expect(snap.authorize(user, attrs).allowed).toBe(want);
  });

  it('gives no reason for a plain denial', () => {
    expect(snap.authorize(person('eve'), get('pods', 'dev'))).toEqual({ allowed: false, reason: '' });
  });

  it('names the missing role when a binding that applies cannot be resolved', () => {
    expect(snap.authorize(person('frank'), get('pods'))).toEqual({ allowed: false, reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "gone" not found' });
  });

  it('brackets several resolution errors and drops duplicates', () => {
    expect(snap.authorize(person('frank'), get('pods', 'dev')).reason).toBe(
      'RBAC: [clusterrole.rbac.authorization.k8s.io "gone" not found, role.rbac.authorization.k8s.io "gone" not found]',
    );
  });

  it('reports an unsupported roleRef kind', () => {
    expect(snap.authorize(person('gina'), get('pods', 'dev')).reason).toBe('RBAC: unsupported role reference kind: "Thing"');
  });

  it('describes the granting binding when allowed', () => {
    expect(snap.authorize(person('olga', 'ops'), get('secrets')).reason).toBe(
      'RBAC: allowed by ClusterRoleBinding "ops-secrets" of ClusterRole "secret-reader" to Group "ops"',
    );
    expect(snap.authorize(person('alice'), get('pods', 'dev')).reason).toBe('RBAC: allowed by RoleBinding "alice-pods/dev" of Role "pod-reader" to User "alice"');
    expect(snap.authorize(serviceAccount('dev', 'ci'), get('pods', 'prod', { name: 'web' })).reason).toBe(
      'RBAC: allowed by RoleBinding "ci-from-dev/prod" of Role "pod-reader" to ServiceAccount "ci/dev"',
    );
    expect(snap.authorize(serviceAccount('dev', 'ci'), get('secrets', 'dev')).reason).toBe(
      'RBAC: allowed by RoleBinding "ci/dev" of ClusterRole "secret-reader" to ServiceAccount "ci/dev"',
    );
  });

  it('still allows when another applicable binding is broken', () => {
    const s = new RbacSnapshot({
      clusterRoles: [clusterRole('ok', [podReader])],
      clusterRoleBindings: [clusterRoleBinding('a', 'ClusterRole:gone', [User('u')]), clusterRoleBinding('b', 'ClusterRole:ok', [User('u')])],
    });
    expect(s.authorize(person('u'), get('pods')).allowed).toBe(true);
  });

  it('only consults the bindings of the user, however many others exist', () => {
    const clusterRoleBindings = Array.from({ length: 20_000 }, (_, i) => clusterRoleBinding(`b${i}`, 'ClusterRole:r', [User(`user-${i}`), Group(`group-${i}`)]));
    const s = new RbacSnapshot({ clusterRoles: [clusterRole('r', [podReader])], clusterRoleBindings });
    const start = performance.now();
    for (let i = 0; i < 20_000; i++) expect(s.authorize(person(`user-${i}`, 'g'), get('pods', 'x')).allowed).toBe(true);
    expect(s.authorize(person('stranger'), get('pods', 'x')).allowed).toBe(false);
    // A scan of all bindings per decision would take seconds here.
    expect(performance.now() - start).toBeLessThan(3000);
  });
});

describe('RbacSnapshot.rulesFor', () => {
  it('lists resource and non-resource rules from cluster and namespace bindings', () => {
    expect(snap.rulesFor(person('alice'), 'prod')).toEqual({
      resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: ['web'] }],
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/debug/*'] }],
      incomplete: false,
    });
  });

  it('lists only cluster-wide grants for the empty namespace', () => {
    expect(snap.rulesFor(person('alice'), '').resourceRules).toEqual([]);
  });

  it('reports roles that could not be found', () => {
    const r = snap.rulesFor(person('frank'), '');
    expect(r.evaluationError).toBe('clusterrole.rbac.authorization.k8s.io "gone" not found');
    expect(r.incomplete).toBe(false);
  });
});
