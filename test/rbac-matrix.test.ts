// The generated RBAC matrix: for ten identities and a policy exercising every documented matching rule,
// each verb × resource (× subresource) × namespace × name decision, and each non-resource path, is
// asked of the real API as a SubjectAccessReview and compared with an independent reference evaluator
// (test/support/rbac-reference.ts). A sample of real requests per identity (bearer tokens, ServiceAccount
// tokens, impersonation) must then get 403 exactly when the review said no, worded as upstream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerToken } from '../local/tokens';
import { ApiClient, type TestStack, startTestStack } from './harness';
import { type MatrixCase, REAL_REQUESTS_PER_IDENTITY, matrixCases, realRequest, reviewSpec } from './support/rbac-cases';
import { ESC, ESC_POLICY, clusterRole, clusterRoleBinding, role, roleBinding } from './support/rbac-escalation-fixtures';
import { CLUSTER_ROLES, CLUSTER_ROLE_BINDINGS, IDENTITIES, type Identity, NAMESPACES, ROLES, ROLE_BINDINGS, SERVICE_ACCOUNTS } from './support/rbac-fixtures';
import { RawClient, mapLimit } from './support/rbac-http';
import { ReferenceAuthorizer, type RefAttrs, type RefPolicy, forbiddenMessage } from './support/rbac-reference';

const RBAC = '/apis/rbac.authorization.k8s.io/v1';
const SAR = '/apis/authorization.k8s.io/v1/subjectaccessreviews';
/** In flight at once: enough to keep workerd busy, few enough not to queue behind each other for long. */
const CONCURRENCY = 12;

let stack: TestStack;
let raw: RawClient;
let reference: ReferenceAuthorizer;
const credentials = new Map<string, Record<string, string | string[]>>();

async function created(path: string, body: unknown) {
  const r = await stack.client.post(path, body);
  expect(r.status, `${path}: ${r.text}`).toBe(201);
  return r.json;
}

/** Lists a kind across namespaces as the admin. */
async function items(path: string) {
  const r = await stack.client.get(path);
  expect(r.status).toBe(200);
  return r.json.items;
}

async function credentialFor(id: Identity): Promise<Record<string, string | string[]>> {
  switch (id.credential.kind) {
    case 'token': {
      const token = `matrix-${id.name}-token`;
      const db = await stack.mf.getD1Database('DB', 'kubeflare-api');
      await registerToken(db as never, token, id.name, id.ownGroups, 'rbac matrix');
      return { Authorization: `Bearer ${token}` };
    }
    case 'serviceaccount': {
      const { namespace, name } = id.credential;
      const tr = await created(`/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} });
      return { Authorization: `Bearer ${tr.status.token}` };
    }
    case 'impersonate':
      return { Authorization: `Bearer ${stack.token}`, 'Impersonate-User': id.name, 'Impersonate-Group': id.ownGroups };
  }
}

beforeAll(async () => {
  stack = await startTestStack({}, { components: false });
  raw = new RawClient(stack.url, stack.caPem);
  // Phase by phase (namespaces, then what lives in them, then bindings), each phase's writes at once.
  await Promise.all(NAMESPACES.map((ns) => created('/api/v1/namespaces', { metadata: { name: ns } })));
  await Promise.all([
    ...SERVICE_ACCOUNTS.map((sa) => created(`/api/v1/namespaces/${sa.namespace}/serviceaccounts`, { metadata: { name: sa.name } })),
    ...ROLES.map((r) => created(`${RBAC}/namespaces/${r.metadata.namespace}/roles`, r)),
    ...CLUSTER_ROLES.map((r) => created(`${RBAC}/clusterroles`, r)),
  ]);
  await Promise.all([
    ...ROLE_BINDINGS.map((b) => created(`${RBAC}/namespaces/${b.metadata.namespace}/rolebindings`, b)),
    ...CLUSTER_ROLE_BINDINGS.map((b) => created(`${RBAC}/clusterrolebindings`, b)),
  ]);
  await Promise.all(IDENTITIES.map(async (id) => credentials.set(id.name, await credentialFor(id))));
  // The reference sees the whole stored policy, default roles and bindings included.
  const policy: RefPolicy = {
    roles: await items(`${RBAC}/roles`),
    clusterRoles: await items(`${RBAC}/clusterroles`),
    roleBindings: await items(`${RBAC}/rolebindings`),
    clusterRoleBindings: await items(`${RBAC}/clusterrolebindings`),
  };
  reference = new ReferenceAuthorizer(policy);
  await new Promise((r) => setTimeout(r, 1100)); // other isolates see new bindings within a second
});
afterAll(async () => {
  raw?.close();
  await stack?.close();
});

const describeCase = (id: Identity, a: RefAttrs) =>
  a.path !== undefined
    ? `${id.name} ${a.verb} ${a.path}`
    : `${id.name} ${a.verb} ${a.group ? `${a.group}/` : ''}${a.resource}${a.subresource ? `/${a.subresource}` : ''} ns=${a.namespace ?? '-'} name=${a.name ?? '-'}`;

/** Deterministic shuffle (mulberry32), so the sample is the same on every run. */
function shuffled<T>(list: T[], seed: number): T[] {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('RBAC matrix', () => {
  const cases = matrixCases(IDENTITIES.length);

  it('answers every SubjectAccessReview as the reference evaluator does', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(2000);
    const mismatches: string[] = [];
    const allowedBy = new Map<string, number>();
    let allowed = 0;
    const t0 = performance.now();
    await mapLimit(cases, CONCURRENCY, async (c) => {
      const id = IDENTITIES[c.identity];
      const want = reference.authorize(id, c.attrs);
      const r = await stack.client.post(SAR, { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: reviewSpec(id.name, id.groups, c.attrs) });
      if (r.status !== 201) {
        mismatches.push(`${describeCase(id, c.attrs)}: HTTP ${r.status} ${r.text}`);
        return;
      }
      const got = r.json.status;
      if (got.allowed) {
        allowed++;
        allowedBy.set(id.name, (allowedBy.get(id.name) ?? 0) + 1);
      }
      // A denial's reason names the roles that bindings reference but that do not exist, as upstream.
      const wantReason = want.allowed || !want.missing.length ? undefined : `RBAC: ${want.missing.length === 1 ? want.missing[0] : `[${want.missing.join(', ')}]`}`;
      if (got.allowed !== want.allowed) mismatches.push(`${describeCase(id, c.attrs)}: API ${got.allowed ? 'allows' : 'denies'}, reference ${want.allowed ? 'allows' : 'denies'}`);
      else if (!want.allowed && got.reason !== wantReason) mismatches.push(`${describeCase(id, c.attrs)}: reason ${JSON.stringify(got.reason)}, want ${JSON.stringify(wantReason)}`);
    });
    const ms = performance.now() - t0;
    console.log(`RBAC matrix: ${cases.length} SubjectAccessReview cases (${allowed} allowed, ${cases.length - allowed} denied) in ${(ms / 1000).toFixed(1)} s`);
    expect(mismatches).toEqual([]);
    // Every identity is allowed something (defaults grant even `nobody` a few paths) and denied most, so
    // the matrix cannot pass by always answering one way.
    for (const id of IDENTITIES) expect(allowedBy.get(id.name) ?? 0, id.name).toBeGreaterThan(0);
    expect(allowed).toBeLessThan(cases.length / 2);
  });

  it('gives real requests of every identity 403 exactly when the review denies, worded as upstream', async () => {
    const sample: MatrixCase[] = [];
    IDENTITIES.forEach((id, i) => {
      const mine = cases.filter((c) => c.identity === i && realRequest(c));
      const byDecision = (allowed: boolean) => shuffled(mine.filter((c) => reference.authorize(id, c.attrs).allowed === allowed), i + 1);
      const allow = byDecision(true);
      const deny = byDecision(false);
      // Half allowed, half denied where there are enough of each.
      const nAllow = Math.min(allow.length, Math.max(REAL_REQUESTS_PER_IDENTITY / 2, REAL_REQUESTS_PER_IDENTITY - deny.length));
      sample.push(...allow.slice(0, nAllow), ...deny.slice(0, REAL_REQUESTS_PER_IDENTITY - nAllow));
    });
    const mismatches: string[] = [];
    let denied = 0;
    await mapLimit(sample, CONCURRENCY, async (c) => {
      const id = IDENTITIES[c.identity];
      const want = reference.authorize(id, c.attrs);
      const req = realRequest(c)!;
      const headers = { ...(credentials.get(id.name) as Record<string, string>), ...(req.contentType ? { 'Content-Type': req.contentType } : {}) };
      const r = await raw.send(req.method, req.path, { headers, body: req.body, stream: req.stream });
      const what = `${describeCase(id, c.attrs)} (${req.method} ${req.path})`;
      if ((r.status === 403) === want.allowed) {
        mismatches.push(`${what}: HTTP ${r.status} ${r.json?.message ?? ''}, reference ${want.allowed ? 'allows' : 'denies'}`);
        return;
      }
      if (r.status !== 403) return;
      denied++;
      const message = forbiddenMessage(id.name, c.attrs, want.missing);
      if (r.json?.message !== message || r.json?.reason !== 'Forbidden' || r.json?.code !== 403) mismatches.push(`${what}: ${JSON.stringify(r.json?.message)}, want ${JSON.stringify(message)}`);
    });
    console.log(`RBAC matrix: ${sample.length} real requests (${denied} denied) across ${IDENTITIES.length} identities`);
    expect(mismatches).toEqual([]);
    expect(denied).toBeGreaterThan(sample.length / 4);
    expect(sample.length - denied).toBeGreaterThan(sample.length / 4);
  });
});

describe('RBAC escalation prevention', () => {
  const R = `${RBAC}/namespaces/${ESC}`;
  let mallory: ApiClient;
  let trent: ApiClient;
  const HELD = 'is attempting to grant RBAC permissions not currently held';
  const canI = async (user: string, attrs: RefAttrs) =>
    (await stack.client.post(SAR, { spec: reviewSpec(user, ['system:authenticated'], attrs) })).json.status.allowed as boolean;
  const absent = async (path: string) => expect((await stack.client.get(path)).status).toBe(404);

  beforeAll(async () => {
    await created('/api/v1/namespaces', { metadata: { name: ESC } });
    for (const [path, body] of ESC_POLICY) await created(path, body);
    const db = await stack.mf.getD1Database('DB', 'kubeflare-api');
    await registerToken(db as never, 'esc-mallory-token', 'mallory', [], 'rbac matrix');
    await registerToken(db as never, 'esc-trent-token', 'trent', [], 'rbac matrix');
    mallory = new ApiClient(stack.url, 'esc-mallory-token', stack.caPem);
    trent = new ApiClient(stack.url, 'esc-trent-token', stack.caPem);
    await new Promise((r) => setTimeout(r, 1100));
  });
  afterAll(() => {
    mallory?.close();
    trent?.close();
  });

  it('refuses a Role granting what the writer lacks, naming what is missing, and stores nothing', async () => {
    const r = await mallory.post(`${R}/roles`, role('too-much', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }]));
    expect(r.status).toBe(403);
    expect(r.json.reason).toBe('Forbidden');
    expect(r.json.message).toBe(
      `roles.rbac.authorization.k8s.io "too-much" is forbidden: user "mallory" (groups=["system:authenticated"]) ${HELD}:\n{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}`,
    );
    await absent(`${R}/roles/too-much`);
    // A subresource is not covered by its resource, nor all names by one name.
    expect((await mallory.post(`${R}/roles`, role('exec', [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }]))).status).toBe(403);
    expect((await mallory.post(`${R}/roles`, role('all-cms', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]))).status).toBe(403);
    expect((await mallory.post(`${R}/roles`, role('one-cm', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'], resourceNames: ['app-config'] }]))).status).toBe(201);
  });

  it('refuses widening a Role the writer may update, and leaves it as it was', async () => {
    const pods = [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }];
    const made = await mallory.post(`${R}/roles`, role('pods-ok', pods));
    expect(made.status).toBe(201);
    const widened = { ...made.json, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'delete'] }] };
    const put = await mallory.put(`${R}/roles/pods-ok`, widened);
    expect(put.status).toBe(403);
    expect(put.json.message).toContain(`${HELD}:\n{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}`);
    const patch = await mallory.patch(`${R}/roles/pods-ok`, { rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] });
    expect(patch.status).toBe(403);
    expect((await stack.client.get(`${R}/roles/pods-ok`)).json.rules).toEqual(pods);
  });

  it('refuses binding a role the writer does not hold, and a roleRef change', async () => {
    for (const ref of ['cluster-admin', 'view']) {
      const r = await mallory.post(`${R}/rolebindings`, roleBinding(`self-${ref}`, 'ClusterRole', ref, 'mallory'));
      expect(r.status, ref).toBe(403);
      expect(r.json.message).toContain(`rolebindings.rbac.authorization.k8s.io "self-${ref}" is forbidden: user "mallory" (groups=["system:authenticated"]) ${HELD}`);
      await absent(`${R}/rolebindings/self-${ref}`);
    }
    expect((await mallory.post(`${R}/rolebindings`, roleBinding('ghost', 'ClusterRole', 'no-such-role', 'mallory'))).status).toBe(404);
    // Held in esc only: a cluster-wide grant of the same rules is more than she holds.
    expect((await mallory.post(`${RBAC}/clusterrolebindings`, clusterRoleBinding('esc-everywhere', 'esc-pod-lister', 'mallory'))).status).toBe(403);
    await absent(`${RBAC}/clusterrolebindings/esc-everywhere`);
    // Binding what she holds is fine; pointing that binding at a bigger role afterwards is not.
    expect((await mallory.post(`${R}/rolebindings`, roleBinding('share', 'Role', 'pods-ok', 'victor'))).status).toBe(201);
    const moved = await mallory.patch(`${R}/rolebindings/share`, { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' } });
    expect(moved.status).toBe(422);
    expect(moved.json.message).toContain('cannot change roleRef');
    expect(await canI('victor', { verb: 'list', resource: 'pods', namespace: ESC })).toBe(true);
    expect(await canI('victor', { verb: 'delete', resource: 'pods', namespace: ESC })).toBe(false);
  });

  it('refuses grants through aggregation: a labelled ClusterRole with unheld rules, or an aggregationRule', async () => {
    const toAdmin = { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' };
    const nodes = [{ apiGroups: [''], resources: ['nodes'], verbs: ['*'] }];
    expect((await mallory.post(`${RBAC}/clusterroles`, clusterRole('sneak', nodes, {}, toAdmin))).status).toBe(403);
    await absent(`${RBAC}/clusterroles/sneak`);
    const agg = await mallory.post(`${RBAC}/clusterroles`, clusterRole('gather', [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } }] } }));
    expect(agg.status).toBe(403);
    expect(agg.json.message).toBe('clusterroles.rbac.authorization.k8s.io "gather" is forbidden: must have cluster-admin privileges to use the aggregationRule');
    // A ClusterRole with rules she holds cluster-wide may be created, but not relabelled into admin with more rules.
    const mine = [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['get'] }];
    expect((await mallory.post(`${RBAC}/clusterroles`, clusterRole('mine', mine))).status).toBe(201);
    const relabel = await mallory.patch(`${RBAC}/clusterroles/mine`, { metadata: { labels: toAdmin }, rules: [...mine, ...nodes] });
    expect(relabel.status).toBe(403);
    expect((await stack.client.get(`${RBAC}/clusterroles/mine`)).json.metadata.labels).toBeUndefined();
    expect(await canI('mallory', { verb: 'delete', resource: 'nodes' })).toBe(false);
  });

  it('refuses impersonating a more privileged identity', async () => {
    const r = await mallory.request('GET', '/api/v1/namespaces/esc/secrets', { headers: { 'Impersonate-User': 'mallory', 'Impersonate-Group': 'system:masters' } });
    expect(r.status).toBe(403);
    expect(r.json.message).toBe('users "mallory" is forbidden: User "mallory" cannot impersonate resource "users" in API group "" at the cluster scope');
  });

  it('allows the same grants with escalate and bind, only where those verbs are held', async () => {
    expect((await trent.post(`${R}/roles`, role('all-secrets', [{ apiGroups: [''], resources: ['secrets'], verbs: ['*'] }]))).status).toBe(201);
    // escalate is on roles in esc, not on ClusterRoles.
    expect((await trent.post(`${RBAC}/clusterroles`, clusterRole('trent-nodes', [{ apiGroups: [''], resources: ['nodes'], verbs: ['*'] }]))).status).toBe(403);
    expect((await trent.post(`${R}/rolebindings`, roleBinding('victor-admin', 'ClusterRole', 'cluster-admin', 'victor'))).status).toBe(201);
    expect(await canI('victor', { verb: 'delete', resource: 'secrets', namespace: ESC })).toBe(true);
    expect(await canI('victor', { verb: 'delete', resource: 'secrets', namespace: 'ns-a' })).toBe(false);
    // bind names cluster-admin only, and only in esc.
    expect((await trent.post(`${RBAC}/clusterrolebindings`, clusterRoleBinding('victor-everywhere', 'cluster-admin', 'victor'))).status).toBe(403);
    expect((await trent.post(`${R}/rolebindings`, roleBinding('victor-ns-admin', 'ClusterRole', 'admin', 'victor'))).status).toBe(403);
  });
});
