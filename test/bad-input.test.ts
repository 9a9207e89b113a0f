// Malformed and hostile requests against the real local stack: every one must be refused with the status
// and reason Kubernetes 1.32 gives, as a Status body, and none may change the store. The table lives in
// bad-input-cases.ts; this file runs it and checks the store around each case and around the whole table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, type TestStack, startTestStack } from './harness';
import {
  BASES,
  type BadCase,
  CASES,
  CM,
  DELETE_TARGETS,
  DEPLOYS,
  NAMESPACES,
  PODS,
  SEED,
  configMap,
  deployment,
  namespace,
  pod,
} from './bad-input-cases';

let stack: TestStack;

interface Snapshot {
  objects: unknown[];
  changes: unknown;
}

/** Everything a refused request must leave alone: live objects (with their revisions) and the change log. */
async function snapshot(): Promise<Snapshot> {
  const db = await stack.mf.getD1Database('DB', 'kubeflare-api');
  const objects = await db.prepare('SELECT resource, namespace, name, rv, body FROM objects ORDER BY resource, namespace, name').all();
  const changes = await db.prepare('SELECT COUNT(*) AS count, MAX(revision) AS max FROM changes').first();
  return { objects: objects.results, changes };
}

function send(c: BadCase): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...c.headers };
  const raw = c.raw ?? (c.body !== undefined ? JSON.stringify(c.body) : undefined);
  if (raw !== undefined && c.contentType !== null) headers['Content-Type'] = c.contentType ?? 'application/json';
  if (raw === undefined && c.contentType) headers['Content-Type'] = c.contentType;
  // Frame every body explicitly: Node does not chunk DELETE bodies by default, so an unframed DELETE body
  // would be lost and its bytes read as the next request on the keep-alive socket.
  if (raw !== undefined) {
    if (c.chunked) headers['Transfer-Encoding'] = 'chunked';
    else headers['Content-Length'] ??= String(Buffer.byteLength(raw));
  }
  return stack.client.request(c.method, c.path, { raw, headers, token: c.token });
}

/** Every way the response differs from the expected Status, so one failure shows the whole diagnosis. */
function problemsOf(c: BadCase, res: ApiResponse): string[] {
  const out: string[] = [];
  if (res.status !== c.status) out.push(`HTTP ${res.status}, want ${c.status}`);
  const type = String(res.headers['content-type'] ?? '');
  if (!/^application\/json(\s*;|$)/.test(type)) out.push(`Content-Type ${JSON.stringify(type)}, want application/json`);
  const s = res.json;
  if (typeof s !== 'object' || s === null || Array.isArray(s)) {
    out.push('body is not a JSON object');
    return out;
  }
  if (s.kind !== 'Status') out.push(`kind ${JSON.stringify(s.kind)}, want "Status"`);
  if (s.apiVersion !== 'v1') out.push(`apiVersion ${JSON.stringify(s.apiVersion)}, want "v1"`);
  if (s.status !== 'Failure') out.push(`status ${JSON.stringify(s.status)}, want "Failure"`);
  if (s.code !== res.status) out.push(`code ${JSON.stringify(s.code)} differs from HTTP ${res.status}`);
  if (s.reason !== c.reason) out.push(`reason ${JSON.stringify(s.reason)}, want ${JSON.stringify(c.reason)}`);
  if (typeof s.message !== 'string' || s.message === '') out.push('message missing');
  else if (c.message !== undefined && !s.message.includes(c.message)) out.push(`message lacks ${JSON.stringify(c.message)}`);
  if (c.causes) {
    const fields: unknown[] = Array.isArray(s.details?.causes) ? s.details.causes.map((x: { field?: unknown }) => x.field) : [];
    for (const f of c.causes) if (!fields.includes(f)) out.push(`details.causes lacks field ${JSON.stringify(f)} (has ${JSON.stringify(fields)})`);
  }
  return out;
}

/** Shortens huge request/response texts for failure messages. */
const clip = (t: string, n = 600) => (t.length > n ? `${t.slice(0, n)}…(${t.length} chars)` : t);

beforeAll(async () => {
  // The API alone: a refused request must change nothing, and no scheduler or controller may write
  // (events about the seeded pods, status updates) while the table runs.
  stack = await startTestStack({}, { components: false });
  const c = stack.client;
  const seeds: [string, unknown][] = [
    [CM, configMap(SEED)],
    [DEPLOYS, deployment(SEED)],
    [PODS, pod(SEED)],
    ...DELETE_TARGETS.map((n): [string, unknown] => [CM, configMap(n)]),
  ];
  for (const [path, body] of seeds) {
    const res = await c.post(path, body);
    if (res.status !== 201) throw new Error(`seeding ${path}: ${res.status} ${res.text}`);
  }
  // Move the seed past its first revision so that resourceVersion "1" is stale in every conflict case.
  const cm = (await c.get(`${CM}/${SEED}`)).json;
  const updated = await c.put(`${CM}/${SEED}`, { ...cm, data: { ...cm.data, LOG_LEVEL: 'debug' } });
  if (updated.status !== 200) throw new Error(`seed update: ${updated.status} ${updated.text}`);
});

afterAll(async () => {
  await stack?.close();
});

describe('bad input', () => {
  let before: Snapshot;

  it('starts from valid base manifests (each case breaks exactly one thing)', async () => {
    const results = [];
    for (const b of BASES) {
      const res = await stack.client.post(`${b.path}?dryRun=All&fieldValidation=Strict`, b.body);
      results.push({ path: b.path, status: res.status, body: res.status === 201 ? undefined : res.json });
    }
    expect(results.filter((r) => r.status !== 201)).toEqual([]);
    // Taken after the dry runs so that even a dry run that wrongly wrote shows up here rather than in a case.
    before = await snapshot();
  });

  it('has a table of at least 120 cases with unique names', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(120);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES)('$name', async (c) => {
    const pre = await snapshot();
    const res = await send(c);
    const problems = problemsOf(c, res);
    const post = await snapshot();
    if (JSON.stringify(post) !== JSON.stringify(pre)) problems.push('the store changed');
    const request = `${c.method} ${c.path} ${clip(String(c.raw ?? (c.body !== undefined ? JSON.stringify(c.body) : '')))}`;
    expect(problems, `${request}\n→ ${res.status} ${clip(res.text)}${c.note ? `\n(note: ${c.note})` : ''}`).toEqual([]);
  });

  it('leaves the store exactly as it was after the whole table', async () => {
    expect(before).toBeDefined();
    expect(await snapshot()).toEqual(before);
  });
});

// Inputs that look hostile but that upstream accepts: refusing them would break real clients, and the
// SQL-looking ones prove the values reach the store only as bound parameters.
describe('hostile-looking input upstream accepts', () => {
  it('treats limit=-1 as no limit', async () => {
    // Upstream ListOptions validation has no lower bound on limit and storage pages only when limit > 0.
    const res = await stack.client.get(`${CM}?limit=-1`);
    expect(res.status, res.text).toBe(200);
    expect(res.json.kind).toBe('ConfigMapList');
  });

  it('matches nothing for a syntactically valid SQL-looking field selector value', async () => {
    const sel = encodeURIComponent("metadata.name=x' OR 1 --");
    const res = await stack.client.get(`${CM}?fieldSelector=${sel}`);
    expect(res.status, res.text).toBe(200);
    expect(res.json.items).toEqual([]);
  });

  it('matches nothing for an SQL-looking label value that is a valid label value', async () => {
    const res = await stack.client.get(`${CM}?labelSelector=${encodeURIComponent('app in (x--1,OR.1)')}`);
    expect(res.status, res.text).toBe(200);
    expect(res.json.items).toEqual([]);
  });

  it('clears metadata.namespace on a cluster-scoped object instead of refusing it', async () => {
    // rest.BeforeCreate → EnsureObjectNamespaceMatchesRequestNamespace: cluster-scoped ⇒ namespace cleared.
    const body = { ...namespace('bi-ns-with-namespace'), metadata: { name: 'bi-ns-with-namespace', namespace: 'default' } };
    const res = await stack.client.post(`${NAMESPACES}?dryRun=All`, body);
    expect(res.status, res.text).toBe(201);
    expect(res.json.metadata.namespace).toBeUndefined();
  });
});
