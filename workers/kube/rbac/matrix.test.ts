// A generated matrix: every identity x verb x resource x namespace x name, decided by the snapshot and by
// a deliberately naive reference written from the documented semantics (no index, no shared helpers).
import { describe, expect, it } from 'vitest';
import { defaultClusterRoleBindings, defaultClusterRoles } from './defaults';
import { Group, SA, User, anonymous, clusterRole, clusterRoleBinding, person, role, roleBinding, rule, serviceAccount } from './rbac.testing';
import { RbacSnapshot, type RbacObjects } from './snapshot';
import type { BindingObject, ClusterRoleObject, PolicyRule, RbacAttributes, RbacUser } from './types';

const RBAC = 'rbac.authorization.k8s.io';

const objects: RbacObjects = {
  roles: [
    role('dev', 'pod-reader', [rule(['get', 'list', 'watch'], [''], ['pods', 'pods/log'])]),
    role('dev', 'app-config', [rule(['get', 'update'], [''], ['configmaps'], ['app-config'])]),
    role('prod', 'scaler', [rule(['get', 'update', 'patch'], ['apps'], ['deployments/scale']), rule(['get'], ['apps'], ['deployments'])]),
    role('prod', 'pod-reader', [rule(['get'], [''], ['pods'])]),
  ],
  clusterRoles: [
    ...defaultClusterRoles(),
    clusterRole('secret-reader', [rule(['get', 'list'], [''], ['secrets'])]),
    clusterRole('status-writer', [rule(['get', 'update', 'patch'], ['*'], ['*/status'])]),
    clusterRole('apps-all', [rule(['*'], ['apps'], ['*'])]),
    clusterRole('exec-only', [rule(['create'], [''], ['pods/exec'])], { labels: { 'example.com/aggregate-to-debug': 'true' } }),
    clusterRole('debug', [], { aggregateFrom: [{ 'example.com/aggregate-to-debug': 'true' }] }),
    clusterRole('role-binder', [rule(['bind', 'escalate'], [RBAC], ['roles', 'clusterroles'])]),
  ],
  roleBindings: [
    roleBinding('dev', 'alice-read', 'Role:pod-reader', [User('alice')]),
    roleBinding('dev', 'alice-config', 'Role:app-config', [User('alice')]),
    roleBinding('dev', 'devs-edit', 'ClusterRole:edit', [Group('devs')]),
    roleBinding('prod', 'devs-view', 'ClusterRole:view', [Group('devs')]),
    roleBinding('dev', 'ci-admin', 'ClusterRole:admin', [SA('ci')]),
    roleBinding('prod', 'ci-scale', 'Role:scaler', [SA('ci', 'dev')]),
    roleBinding('prod', 'prod-sas', 'Role:pod-reader', [Group('system:serviceaccounts:prod')]),
    roleBinding('prod', 'frank', 'ClusterRole:secret-reader', [User('frank')]),
    roleBinding('dev', 'frank-broken', 'Role:missing', [User('frank')]),
    roleBinding('dev', 'debuggers', 'ClusterRole:debug', [Group('debuggers')]),
    roleBinding('prod', 'binder', 'ClusterRole:role-binder', [User('bea')]),
  ],
  clusterRoleBindings: [
    ...defaultClusterRoleBindings(),
    clusterRoleBinding('ops-status', 'ClusterRole:status-writer', [Group('ops')]),
    clusterRoleBinding('ops-apps', 'ClusterRole:apps-all', [Group('ops'), User('olga')]),
    clusterRoleBinding('frank-missing', 'ClusterRole:missing', [User('frank')]),
    clusterRoleBinding('prod-worker', 'ClusterRole:secret-reader', [SA('worker', 'prod')]),
  ],
};

const identities: RbacUser[] = [
  person('alice'),
  person('bob', 'devs'),
  person('olga', 'ops'),
  person('frank'),
  person('dora', 'debuggers', 'devs'),
  person('bea'),
  person('eve'),
  person('root', 'system:masters'),
  serviceAccount('dev', 'ci'),
  serviceAccount('prod', 'worker'),
  { name: 'system:node:n1', groups: ['system:nodes', 'system:authenticated'] },
  person('system:kube-scheduler'),
  anonymous,
];
const verbs = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'bind'];
const resources: [group: string, resource: string, subresource?: string][] = [
  ['', 'pods'],
  ['', 'pods', 'log'],
  ['', 'pods', 'exec'],
  ['', 'pods', 'status'],
  ['', 'secrets'],
  ['', 'configmaps'],
  ['', 'nodes'],
  ['', 'nodes', 'status'],
  ['apps', 'deployments'],
  ['apps', 'deployments', 'scale'],
  ['apps', 'deployments', 'status'],
  ['batch', 'jobs'],
  [RBAC, 'roles'],
  [RBAC, 'clusterroles'],
];
const namespaces = ['dev', 'prod', ''];
const names = [undefined, 'app-config'];
const paths = ['/healthz', '/livez', '/version', '/apis', '/apis/apps/v1', '/metrics', '/openid/v1/jwks'];

// ---- the reference: linear scans over everything, written without the code under test ----

function refClusterRoleRules(name: string, depth = 0): PolicyRule[] | undefined {
  const cr = (objects.clusterRoles ?? []).find((c) => c.metadata.name === name) as ClusterRoleObject | undefined;
  if (!cr) return undefined;
  const selectors = cr.aggregationRule?.clusterRoleSelectors ?? [];
  if (selectors.length === 0) return [...(cr.rules ?? [])];
  if (depth > 5) return [];
  const out: PolicyRule[] = [];
  for (const other of objects.clusterRoles ?? []) {
    if (other.metadata.name === name) continue;
    // The test data only uses matchLabels.
    const picked = selectors.some((s) => Object.entries(s.matchLabels ?? {}).every(([k, v]) => other.metadata.labels?.[k] === v));
    if (picked) out.push(...(refClusterRoleRules(other.metadata.name!, depth + 1) ?? []));
  }
  return out;
}

function refRules(b: BindingObject, ns: string): PolicyRule[] {
  if (b.roleRef.kind === 'ClusterRole') return refClusterRoleRules(b.roleRef.name) ?? [];
  const r = (objects.roles ?? []).find((x) => x.metadata.namespace === ns && x.metadata.name === b.roleRef.name);
  return [...(r?.rules ?? [])];
}

function refNames(b: BindingObject, ns: string, u: RbacUser): boolean {
  return (b.subjects ?? []).some((s) => {
    if (s.kind === 'User') return s.name === u.name;
    if (s.kind === 'Group') return u.groups.indexOf(s.name) >= 0;
    if (s.kind === 'ServiceAccount') {
      const saNs = s.namespace ? s.namespace : ns;
      return saNs !== '' && u.name === 'system:serviceaccount:' + saNs + ':' + s.name;
    }
    return false;
  });
}

function refRuleAllows(p: PolicyRule, a: RbacAttributes): boolean {
  const inList = (l: readonly string[] | null | undefined, ...accepted: string[]) => (l ?? []).some((x) => accepted.indexOf(x) >= 0);
  if (!inList(p.verbs, '*', a.verb)) return false;
  if (a.path !== undefined) {
    return (p.nonResourceURLs ?? []).some((u) => u === '*' || u === a.path || (u.endsWith('*') && a.path!.startsWith(u.replace(/\*+$/, ''))));
  }
  if (!inList(p.apiGroups, '*', a.group ?? '')) return false;
  const accepted = ['*', a.subresource ? `${a.resource}/${a.subresource}` : a.resource!];
  if (a.subresource) accepted.push(`*/${a.subresource}`);
  if (!inList(p.resources, ...accepted)) return false;
  if ((p.resourceNames ?? []).length === 0) return true;
  return a.name !== undefined && inList(p.resourceNames, a.name);
}

function reference(u: RbacUser, a: RbacAttributes): boolean {
  if (u.groups.indexOf('system:masters') >= 0) return true;
  const ns = a.namespace ?? '';
  const applicable: [BindingObject, string][] = [];
  for (const b of objects.clusterRoleBindings ?? []) applicable.push([b, '']);
  if (ns !== '') for (const b of objects.roleBindings ?? []) if (b.metadata.namespace === ns) applicable.push([b, ns]);
  return applicable.some(([b, bns]) => refNames(b, bns, u) && refRules(b, bns).some((p) => refRuleAllows(p, a)));
}

// ---- the matrix ----

function* cases(): Generator<[RbacUser, RbacAttributes]> {
  for (const u of identities) {
    for (const verb of verbs) {
      for (const [group, resource, subresource] of resources) {
        for (const ns of namespaces) {
          for (const name of names) yield [u, { verb, group, resource, subresource, namespace: ns || undefined, name }];
        }
      }
    }
    for (const p of paths) for (const verb of ['get', 'post']) yield [u, { verb, path: p }];
  }
}

describe('authorization matrix against a naive reference', () => {
  const snap = new RbacSnapshot(objects);
  const all = [...cases()];

  it('covers at least 2,000 cases with both outcomes well represented', () => {
    expect(all.length).toBeGreaterThanOrEqual(2000);
    const allowed = all.filter(([u, a]) => reference(u, a)).length;
    expect(allowed).toBeGreaterThan(all.length / 10);
    expect(allowed).toBeLessThan(all.length * 0.9);
  });

  it('agrees with the reference on every case', () => {
    const disagreements = all
      .filter(([u, a]) => snap.authorize(u, a).allowed !== reference(u, a))
      .map(([u, a]) => `${u.name} ${JSON.stringify(a)}: reference ${reference(u, a)}`);
    expect(disagreements).toEqual([]);
  });

  it('explains every allowed decision except the superuser group', () => {
    for (const [u, a] of all) {
      const d = snap.authorize(u, a);
      if (d.allowed && !u.groups.includes('system:masters')) expect(d.reason).toMatch(/^RBAC: allowed by (Cluster)?RoleBinding "/);
    }
  });

  // Spot checks that pin the reference itself to known answers.
  const spot: [string, RbacUser, RbacAttributes, boolean][] = [
    ['alice reads her named configmap', identities[0], { verb: 'update', group: '', resource: 'configmaps', namespace: 'dev', name: 'app-config' }, true],
    ['alice cannot list configmaps', identities[0], { verb: 'list', group: '', resource: 'configmaps', namespace: 'dev' }, false],
    ['the dev ci account scales prod deployments', identities[8], { verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'prod' }, true],
    ['the dev ci account cannot update prod deployments', identities[8], { verb: 'update', group: 'apps', resource: 'deployments', namespace: 'prod' }, false],
    ['ops write any status', identities[2], { verb: 'patch', group: '', resource: 'nodes', subresource: 'status' }, true],
    ['dora may exec through aggregation', identities[4], { verb: 'create', group: '', resource: 'pods', subresource: 'exec', namespace: 'dev' }, true],
  ];
  it.each(spot)('%s', (_n, u, a, want) => {
    expect(reference(u, a)).toBe(want);
    expect(snap.authorize(u, a).allowed).toBe(want);
  });
});
