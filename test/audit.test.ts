// The audit log on the real stack with the real kubectl: who did what to which object, the decision and
// outcome, request bodies at Request level but never a Secret's, a policy that skips a user, the Audit-Id
// header, watches' two stages, impersonation, and an admin-only query endpoint and CLI.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeFetcher, type NodeFetcher } from '../agent/src/http';
import { ApiClient as KubeClient } from '../workers/kube/client';
import { createUserToken, userKubeconfig } from '../local/user-token';
import { ApiClient as HarnessClient, type TestStack, startTestStack } from './harness';
import { Kubectl } from './kubectl';
import { eventually } from './eventually';
import { drizzle } from 'drizzle-orm/d1';
import { AuditSink, prune } from '../workers/api/src/audit/sink';
import type { RecordedEvent } from '../workers/api/src/audit/types';
import type { Db } from '../workers/api/src/store';

// An operator's policy: nothing for "quiet", and Request for everything else, so the code's own rule
// (never a Secret's body) is what keeps the Secret out of the log.
const POLICY = `
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
  - level: None
    users: [quiet]
  - level: Metadata
    verbs: [get, list, watch]
  - level: Request
`;
const SECRET_VALUE = 'hunter2-do-not-log-7f3a';
const EVENTS = '/apis/audit.kubeflare.dev/v1/events';

let stack: TestStack;
let fetcher: NodeFetcher;
let admin: Kubectl;
let viewer: Kubectl;
let quiet: Kubectl;
let viewerClient: HarnessClient;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Ev = any;
async function events(query: string): Promise<Ev[]> {
  const r = await stack.client.get(`${EVENTS}?${query}`);
  expect(r.status, r.text).toBe(200);
  expect(r.json).toMatchObject({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1' });
  return r.json.items;
}

async function userKubectl(api: KubeClient, name: string): Promise<{ k: Kubectl; token: string }> {
  const t = await createUserToken(api, { user: name });
  const file = join(admin.dir, `${name}.kubeconfig`);
  writeFileSync(file, userKubeconfig(stack.url, stack.caPem, name, t.token), { mode: 0o600 });
  return { k: new Kubectl(file), token: t.token };
}

beforeAll(async () => {
  stack = await startTestStack({ AUDIT_POLICY: POLICY }, { components: false });
  fetcher = createNodeFetcher({ caPem: stack.caPem });
  const api = new KubeClient({ fetch: fetcher, baseUrl: stack.url, token: stack.token, userAgent: 'audit-test' });
  admin = new Kubectl(stack.kubeconfig);
  const v = await userKubectl(api, 'viewer');
  viewer = v.k;
  viewerClient = new HarnessClient(stack.url, v.token, stack.caPem);
  quiet = (await userKubectl(api, 'quiet')).k;
  for (const u of ['viewer', 'quiet']) {
    const r = await admin.run(['create', 'clusterrolebinding', `${u}-view`, '--clusterrole=view', `--user=${u}`]);
    expect(r.code, r.stderr).toBe(0);
  }
});
afterAll(async () => {
  for (const k of [admin, viewer, quiet]) k?.close();
  viewerClient?.close();
  fetcher?.close();
  await stack?.close();
});

describe('audit log', () => {
  it('records an admin creating, reading and deleting with kubectl, with the request body at Request level', async () => {
    expect((await admin.run(['create', 'configmap', 'audited', '--from-literal=colour=teal'])).code).toBe(0);
    expect((await admin.run(['get', 'configmap', 'audited', '-o', 'name'])).code).toBe(0);
    expect((await admin.run(['delete', 'configmap', 'audited'])).code).toBe(0);
    const evs = await events('user=admin&resource=configmaps&name=audited');
    // kubectl delete reads the object once more to see it gone.
    expect(evs.map((e: Ev) => e.verb).slice(0, 3)).toEqual(['create', 'get', 'delete']);
    const [create, get, del] = evs;
    expect(create).toMatchObject({
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level: 'Request',
      stage: 'ResponseComplete',
      verb: 'create',
      requestURI: expect.stringMatching(/^\/api\/v1\/namespaces\/default\/configmaps/),
      user: { username: 'admin', groups: expect.arrayContaining(['system:masters', 'system:authenticated']) },
      objectRef: { resource: 'configmaps', namespace: 'default', apiVersion: 'v1', apiGroup: '' },
      responseStatus: { code: 201 },
      annotations: { 'authorization.k8s.io/decision': 'allow' },
    });
    // kubectl create sends protobuf: the log holds it decoded, as JSON.
    expect(create.requestObject).toMatchObject({ kind: 'ConfigMap', data: { colour: 'teal' } });
    expect(create.userAgent).toMatch(/^kubectl/);
    expect(create.sourceIPs.length).toBeGreaterThan(0);
    expect(create.requestReceivedTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(Date.parse(create.stageTimestamp)).toBeGreaterThanOrEqual(Date.parse(create.requestReceivedTimestamp));
    expect(get).toMatchObject({ level: 'Metadata', responseStatus: { code: 200 }, objectRef: { name: 'audited' } });
    expect(get.requestObject).toBeUndefined();
    expect(del.responseStatus.code).toBe(200);
  });

  it('records the body the handler read: a generated name in objectRef, a note instead of a large body, none when the handler refused early', async () => {
    const c = stack.client;
    const made = await c.post('/api/v1/namespaces/default/configmaps', { metadata: { generateName: 'gen-' }, data: { k: 'v' } });
    expect(made.status).toBe(201);
    const name = made.json.metadata.name as string;
    const big = await c.post('/api/v1/namespaces/default/configmaps', { metadata: { name: 'audit-big' }, data: { k: 'x'.repeat(200_000) } });
    expect(big.status).toBe(201);
    const missing = await c.post('/api/v1/namespaces/no-such-ns/configmaps', { metadata: { name: 'nowhere' }, data: { k: 'v' } });
    expect(missing.status).toBe(404);
    const evs = await eventually(async () => {
      const all = (await events('resource=configmaps&verb=create')) as Ev[];
      const gen = all.find((e) => e.objectRef?.name === name);
      const large = all.find((e) => e.objectRef?.name === 'audit-big');
      const refused = all.find((e) => e.objectRef?.namespace === 'no-such-ns');
      return gen && large && refused ? { gen, large, refused } : undefined;
    }, 10_000, 'the three create events');
    expect(evs.gen.requestObject).toMatchObject({ metadata: { generateName: 'gen-' }, data: { k: 'v' } });
    expect(evs.gen.responseStatus.code).toBe(201);
    expect(evs.large.requestObject).toBeUndefined();
    expect(evs.large.annotations['audit.kubeflare.dev/request-object']).toBe('not recorded: larger than 131072 bytes');
    expect(evs.refused.responseStatus.code).toBe(404);
  });

  it('records a view-only user: allowed reads with the RBAC reason, a Forbidden delete with its decision', async () => {
    expect((await viewer.run(['get', 'configmaps'])).code).toBe(0);
    const denied = await viewer.run(['delete', 'configmap', 'kube-root-ca.crt']);
    expect(denied.stderr).toContain('forbidden');
    const evs = await events('user=viewer&resource=configmaps');
    const list = evs.find((e: Ev) => e.verb === 'list');
    expect(list.annotations).toEqual({
      'authorization.k8s.io/decision': 'allow',
      'authorization.k8s.io/reason': 'RBAC: allowed by ClusterRoleBinding "viewer-view" of ClusterRole "view" to User "viewer"',
    });
    const del = evs.find((e: Ev) => e.verb === 'delete');
    expect(del).toMatchObject({
      objectRef: { resource: 'configmaps', name: 'kube-root-ca.crt', namespace: 'default' },
      responseStatus: { code: 403, status: 'Failure', reason: 'Forbidden', message: expect.stringContaining('cannot delete resource "configmaps"') },
      annotations: { 'authorization.k8s.io/decision': 'forbid' },
    });
    expect((await events('code=403&user=viewer')).length).toBeGreaterThanOrEqual(1);
  });

  it('records a Secret create without its data, even at Request level', async () => {
    const r = await admin.run(['create', 'secret', 'generic', 'pw', `--from-literal=password=${SECRET_VALUE}`]);
    expect(r.code, r.stderr).toBe(0);
    const patched = await admin.run(['patch', 'secret', 'pw', '--type=merge', '-p', JSON.stringify({ stringData: { other: SECRET_VALUE } })]);
    expect(patched.code, patched.stderr).toBe(0);
    // kubectl patch reads the object first; the writes are what carry bodies.
    const evs = (await events('resource=secrets&name=pw')).filter((e: Ev) => e.verb !== 'get');
    expect(evs.map((e: Ev) => [e.verb, e.level, e.responseStatus.code])).toEqual([
      ['create', 'Request', 201],
      ['patch', 'Request', 200],
    ]);
    for (const e of evs) expect(e.requestObject).toBeUndefined();
    // Nowhere in the stored rows, in clear or base64.
    const db = await stack.mf.getD1Database('AUDIT_DB', 'kubeflare-api');
    const b64 = Buffer.from(SECRET_VALUE).toString('base64');
    const rows = (await db.prepare('SELECT * FROM audit_events').all()).results;
    const raw = JSON.stringify(rows);
    expect(rows.length).toBeGreaterThan(5);
    expect(raw).not.toContain(SECRET_VALUE);
    expect(raw).not.toContain(b64);
  });

  it('writes events to their own database (AUDIT_DB), none to the object store', async () => {
    await events('');
    const count = async (binding: string) => ((await (await stack.mf.getD1Database(binding, 'kubeflare-api')).prepare('SELECT COUNT(*) AS n FROM audit_events').first()) as { n: number }).n;
    expect(await count('AUDIT_DB')).toBeGreaterThan(5);
    expect(await count('DB')).toBe(0);
  });

  it('skips a user the policy sets to None', async () => {
    const before = (await events('')).length;
    expect((await quiet.run(['get', 'configmaps'])).code).toBe(0);
    expect((await quiet.run(['get', 'pods'])).code).toBe(0);
    expect(await events('user=quiet')).toEqual([]);
    expect((await events('')).length).toBeGreaterThan(before); // the queries themselves are recorded
  });

  it('returns the Audit-Id header, and the event carries it', async () => {
    const r = await stack.client.get('/api/v1/namespaces/default/configmaps/kube-root-ca.crt');
    const id = r.headers['audit-id'] as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const [ev] = await events(`auditID=${id}`);
    expect(ev).toMatchObject({ auditID: id, verb: 'get', objectRef: { name: 'kube-root-ca.crt' } });
    const missing = await stack.client.get('/api/v1/namespaces/default/configmaps/none');
    expect(missing.status).toBe(404);
    const [nf] = await events(`auditID=${missing.headers['audit-id']}`);
    expect(nf.responseStatus).toMatchObject({ code: 404, reason: 'NotFound' });
  });

  it('records a watch when it starts and when it ends', async () => {
    expect((await admin.run(['create', 'configmap', 'watched'])).code).toBe(0);
    const w = stack.client.watch('/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1');
    await w.opened;
    await w.untilEnded();
    // The stream passed through the audit and limit stages intact.
    expect(w.events.some((e) => e.type === 'ADDED' && e.object.metadata.name === 'watched')).toBe(true);
    const evs = await eventually(async () => {
      const all = await events('verb=watch&resource=configmaps&user=admin');
      return all.some((e: Ev) => e.stage === 'ResponseComplete') ? all : undefined;
    }, 15_000, 'the watch ResponseComplete event');
    const stages = evs.map((e: Ev) => e.stage);
    expect(stages).toEqual(['ResponseStarted', 'ResponseComplete']);
    expect(evs[0].auditID).toBe(evs[1].auditID);
  });

  it('records the impersonated user beside the authenticated one', async () => {
    expect((await admin.run(['get', 'configmaps', '--as=viewer'])).code).toBe(0);
    const evs = await events('user=admin&verb=list&resource=configmaps');
    const ev = evs.find((e: Ev) => e.impersonatedUser);
    expect(ev.impersonatedUser).toMatchObject({ username: 'viewer' });
    expect(ev.user.username).toBe('admin');
  });

  it('lets only cluster-admin read the log', async () => {
    const r = await viewerClient.get(EVENTS);
    expect(r.status).toBe(403);
    expect(r.json.message).toBe('events.audit.kubeflare.dev is forbidden: User "viewer" cannot list resource "events" in API group "audit.kubeflare.dev" at the cluster scope');
    expect((await stack.client.get(`${EVENTS}?since=yesterday`)).status).toBe(400);
    expect((await stack.client.get(`${EVENTS}?limit=0`)).status).toBe(400);
    expect((await events('limit=2')).length).toBe(2);
    const denied = await events(`user=viewer&code=403`);
    expect(denied.some((e: Ev) => e.requestURI === EVENTS)).toBe(true);
  });

  it('records failed authentications, up to a rate per source address', async () => {
    const rs = await Promise.all(Array.from({ length: 100 }, () => stack.client.get('/api/v1/namespaces', { token: 'not-a-valid-token' })));
    expect(rs.every((r) => r.status === 401)).toBe(true);
    const evs = await events('code=401');
    expect(evs.length).toBeGreaterThanOrEqual(1);
    expect(evs.length).toBeLessThan(100);
    expect(evs[0]).toMatchObject({ user: {}, verb: 'list', objectRef: { resource: 'namespaces' }, responseStatus: { code: 401, reason: 'Unauthorized' } });
    expect(evs[0].annotations).toBeUndefined();
  });

  it('npm run audit prints the log as a table', async () => {
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['scripts/run.mjs', 'local/audit.ts', '--kubeconfig', stack.kubeconfig, '--user', 'viewer', '--resource', 'configmaps'], { timeout: 60_000 }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+USER\s+VERB\s+RESOURCE\s+NAMESPACE\s+NAME\s+CODE\s+DECISION\s+SOURCE/);
    expect(lines.some((l) => /viewer\s+delete\s+configmaps\s+default\s+kube-root-ca\.crt\s+403\s+forbid/.test(l))).toBe(true);
  });

  it('writes a burst of events in order, each with its columns, a large one among them', async () => {
    const d1 = await stack.mf.getD1Database('AUDIT_DB', 'kubeflare-api');
    const db = drizzle(d1 as never) as unknown as Db;
    const sink = new AuditSink();
    const sent: RecordedEvent[] = Array.from({ length: 60 }, (_, i) => ({
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level: 'Request',
      auditID: `burst-${i}`,
      stage: 'ResponseComplete',
      requestURI: `/api/v1/namespaces/ns-${i}/pods/p-${i}/status`,
      verb: i % 2 ? 'update' : 'patch',
      user: { username: 'burst' },
      objectRef: { resource: 'pods', subresource: i % 3 ? 'status' : undefined, namespace: `ns-${i}`, name: `p-${i}`, apiVersion: 'v1' },
      responseStatus: { code: 200 + i },
      // One event too large to share a statement with the others (store/json-batch.ts MAX_CHUNKED_BODY).
      requestObject: i === 30 ? { data: 'x'.repeat(200 * 1024) } : { n: i, quote: `"'; DROP TABLE audit_events; --` },
      requestReceivedTimestamp: new Date().toISOString(),
      stageTimestamp: new Date().toISOString(),
    })) as unknown as RecordedEvent[];
    const t0 = Date.now();
    for (const [i, ev] of sent.entries()) void sink.add(db, ev, t0 + i);
    await sink.flush(db);
    const rows = (await d1.prepare("SELECT audit_id, stage, ts, user, verb, api_group, resource, namespace, name, code, event FROM audit_events WHERE user = 'burst' ORDER BY id").all()).results as Record<string, unknown>[];
    expect(rows.map((r) => r.audit_id)).toEqual(sent.map((e) => e.auditID));
    for (const [i, r] of rows.entries()) {
      expect(r).toMatchObject({ stage: 'ResponseComplete', ts: t0 + i, verb: i % 2 ? 'update' : 'patch', api_group: '', resource: i % 3 ? 'pods/status' : 'pods', namespace: `ns-${i}`, name: `p-${i}`, code: 200 + i });
      expect(JSON.parse(String(r.event))).toEqual(JSON.parse(JSON.stringify(sent[i])));
    }
    expect(sink.dropped).toBe(0);
  });

  it('prunes by age and by count', async () => {
    const d1 = await stack.mf.getD1Database('AUDIT_DB', 'kubeflare-api');
    const db = drizzle(d1 as never) as unknown as Db;
    const now = Date.now();
    const insert = d1.prepare(
      "INSERT INTO audit_events (audit_id, stage, ts, user, verb, api_group, resource, namespace, name, code, event) VALUES (?, 'ResponseComplete', ?, 'pruned', 'get', '', 'pods', '', '', 200, '{}')",
    );
    await d1.batch(Array.from({ length: 30 }, (_, i) => insert.bind(`old-${i}`, now - 3 * 86_400_000)));
    const count = async (where = '1=1') => ((await d1.prepare(`SELECT COUNT(*) AS n FROM audit_events WHERE ${where}`).first()) as { n: number }).n;
    const total = await count();
    // A window of two days removes the 30 old rows, and nothing else.
    expect(await prune(db, { maxAgeMs: 2 * 86_400_000, maxEvents: 1_000_000 }, now)).toBe(30);
    expect(await count()).toBe(total - 30);
    expect(await count("user = 'pruned'")).toBe(0);
    // A count window keeps the newest N.
    await prune(db, { maxAgeMs: 365 * 86_400_000, maxEvents: 10 }, now);
    expect(await count()).toBe(10);
  });
});
