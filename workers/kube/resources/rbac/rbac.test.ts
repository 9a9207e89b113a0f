import { describe, it, expect } from 'vitest';
import { admit, lines } from '../networking/admit.testing';
import { clusterRoleBinding, roleBinding } from './bindings';
import { clusterRole, role } from './roles';

const monitoring = () => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'monitoring' },
  aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-monitoring': 'true' } }] },
  rules: [],
});

const binding = () => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'read-pods', namespace: 'dev' },
  subjects: [
    { kind: 'User', name: 'jane' },
    { kind: 'ServiceAccount', name: 'ci' },
  ],
  roleRef: { kind: 'Role', name: 'pod-reader' },
});

describe('Role and ClusterRole', () => {
  it('accepts a pod-reader role', () => {
    const r = admit(role, { metadata: { name: 'pod-reader', namespace: 'dev' }, rules: [{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'watch', 'list'] }] });
    expect(r.issues).toEqual([]);
    expect(r.causes).toEqual([]);
  });

  it('uses path-segment names', () => {
    expect(role.nameValidator?.('system:controller:foo')).toEqual([]);
    expect(role.nameValidator?.('a/b')).toEqual(["may not contain '/'"]);
    expect(clusterRole.nameValidator?.('..')).toEqual(["may not be '..'"]);
  });

  it('accepts a ClusterRole with an aggregationRule', () => {
    const r = admit(clusterRole, monitoring());
    expect(r.causes).toEqual([]);
    expect(clusterRole.namespaced).toBe(false);
  });

  it('requires selectors in an aggregationRule', () => {
    const m: any = monitoring();
    m.aggregationRule.clusterRoleSelectors = [];
    expect(lines(admit(clusterRole, m))).toEqual(['aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil']);
  });

  it('checks rules', () => {
    const rules = [{ verbs: ['get'], nonResourceURLs: ['/healthz'], resources: ['pods'] }, { verbs: [] }];
    expect(lines(admit(clusterRole, { metadata: { name: 'x' }, rules }))).toEqual([
      'rules[0].nonResourceURLs: Invalid value: ["/healthz"]: rules cannot apply to both regular resources and non-resource URLs',
      'rules[1].verbs: Required value: verbs must contain at least one value',
      'rules[1].apiGroups: Required value: resource rules must supply at least one api group',
      'rules[1].resources: Required value: resource rules must supply at least one resource',
    ]);
    expect(lines(admit(role, { metadata: { name: 'x' }, rules: [{ verbs: ['get'], nonResourceURLs: ['/metrics'] }] }))).toEqual([
      'rules[0].nonResourceURLs: Invalid value: ["/metrics"]: namespaced rules cannot apply to non-resource URLs',
    ]);
  });

  it('detects unknown fields', () => {
    expect(admit(role, { metadata: { name: 'x' }, rules: [{ verb: ['get'] }] }).issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['verb'] });
  });
});

describe('RoleBinding and ClusterRoleBinding', () => {
  it('defaults apiGroups of roleRef and subjects', () => {
    const r = admit(roleBinding, binding());
    expect(r.causes).toEqual([]);
    const obj = r.obj as any;
    expect(obj.roleRef.apiGroup).toBe('rbac.authorization.k8s.io');
    expect(obj.subjects).toEqual([
      { kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' },
      { kind: 'ServiceAccount', name: 'ci', apiGroup: '' },
    ]);
  });

  it('forbids changing roleRef', () => {
    const old = admit(roleBinding, binding()).obj!;
    const m: any = binding();
    m.roleRef = { kind: 'ClusterRole', name: 'admin' };
    const causes = admit(roleBinding, m, old).causes;
    expect(causes).toEqual([
      { reason: 'FieldValueInvalid', field: 'roleRef', message: 'Invalid value: {"kind":"ClusterRole","name":"admin","apiGroup":"rbac.authorization.k8s.io"}: cannot change roleRef' },
    ]);
    const same: any = binding();
    same.subjects = [];
    expect(admit(roleBinding, same, old).causes).toEqual([]);
  });

  it('requires a namespace for service accounts in cluster bindings and ClusterRole refs', () => {
    const r = admit(clusterRoleBinding, {
      metadata: { name: 'ci-admin' },
      subjects: [{ kind: 'ServiceAccount', name: 'ci' }, { kind: 'Robot', name: 'r2' }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'admin' },
    });
    expect(lines(r)).toEqual([
      'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
      'subjects[0].namespace: Required value',
      'subjects[1].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
    ]);
    expect(clusterRoleBinding.namespaced).toBe(false);
    expect(clusterRoleBinding.plural).toBe('clusterrolebindings');
  });
});
