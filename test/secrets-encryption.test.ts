// Secrets encrypted at rest on the real local stack (workerd, persisted D1 and Durable Object files):
// create and update Secrets through the API and the real kubectl, read them back every way (get, list,
// watch from the log, kubectl), then search every raw file of the state dir for the values; rotate the
// key with `kubectl get secrets -A -o json | kubectl replace --validate=false -f -`, drop the old key, read again.
import { randomBytes, webcrypto } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../local/stack';
import { ENCRYPTION_KEYS_FILE, newEncryptionKey } from '../local/encryption-keys';
import { ApiClient } from './harness';
import { Kubectl } from './kubectl';

const tag = randomBytes(4).toString('hex');
/** Recognisable values, each written in one way; none may appear on disk in clear or in base64. */
const V = {
  data: `kf-data-${tag}-alpha`,
  stringData: `kf-string-${tag}-bravo`,
  updated: `kf-updated-${tag}-charlie`,
  kubectlLiteral: `kf-literal-${tag}-delta`,
  kubectlPatch: `kf-patch-${tag}-echo`,
};
const CANARY = `kf-configmap-${tag}-visible`;
const NS = `enc-${tag}`;
const b64 = (s: string) => Buffer.from(s).toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64').toString();

let stateDir: string;
let stack: Stack | undefined;
let client: ApiClient;
let kubectl: Kubectl;

async function boot(secretEncryptionKeys?: string) {
  stack = await startStack({ stateDir, port: 0, persist: true, components: false, secretEncryptionKeys });
  client = new ApiClient(stack.url, stack.token, stack.caPem);
}

async function shutdown() {
  client?.close();
  await stack?.stop();
  stack = undefined;
}

/** Every file the stack persisted (D1's .sqlite/-wal/-shm, Durable Object storage), not the bundle or keys. */
function persistedFiles(): string[] {
  const out: string[] = [];
  for (const top of ['d1', 'do']) {
    const dir = join(stateDir, top);
    if (!existsSync(dir)) continue;
    for (const rel of readdirSync(dir, { recursive: true }) as string[]) {
      const path = join(dir, rel);
      if (statSync(path).isFile()) out.push(path);
    }
  }
  return out;
}

function filesContaining(needle: string): string[] {
  return persistedFiles().filter((f) => readFileSync(f).includes(needle));
}

async function storedBodies(table: 'objects' | 'changes'): Promise<string[]> {
  const db = await stack!.mf.getD1Database('DB', 'kubeflare-api');
  const column = table === 'objects' ? 'body' : 'object';
  const res = await db.prepare(`SELECT ${column} AS v FROM ${table} WHERE resource = 'secrets'`).all<{ v: string }>();
  return res.results.map((r) => r.v);
}

async function secretValue(name: string, key: string): Promise<string> {
  const r = await client.get(`/api/v1/namespaces/${NS}/secrets/${name}`);
  expect(r.status, r.text).toBe(200);
  return unb64(r.json.data[key]);
}

async function expectAllValuesReadable() {
  expect(await secretValue('api', 'data')).toBe(V.data);
  expect(await secretValue('api', 'string')).toBe(V.updated);
  expect(await secretValue('kubectl', 'literal')).toBe(V.kubectlLiteral);
  expect(await secretValue('kubectl', 'patched')).toBe(V.kubectlPatch);
  const list = await client.get(`/api/v1/secrets`);
  expect(list.status, list.text).toBe(200);
  const mine = list.json.items.filter((s: { metadata: { namespace: string } }) => s.metadata.namespace === NS);
  expect(mine.map((s: { metadata: { name: string } }) => s.metadata.name).sort()).toEqual(['api', 'kubectl']);
  const out = await kubectl.run(['get', 'secret', 'kubectl', '-n', NS, '-o', 'jsonpath={.data.literal}']);
  expect(out.code, out.stderr).toBe(0);
  expect(unb64(out.stdout)).toBe(V.kubectlLiteral);
  // Pages of one (continue tokens), read by kubectl.
  const paged = await kubectl.run(['get', 'secrets', '-n', NS, '--chunk-size=1', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.data.data}{.data.literal}{"\\n"}{end}']);
  expect(paged.code, paged.stderr).toBe(0);
  expect(paged.stdout.trim().split('\n')).toEqual([`api=${b64(V.data)}`, `kubectl=${b64(V.kubectlLiteral)}`]);
}

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'kubeflare-enc-test-'));
  await boot();
  kubectl = new Kubectl(stack!.kubeconfig);
});

afterAll(async () => {
  kubectl?.close();
  await shutdown();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

describe('Secrets encrypted at rest', () => {
  let firstRv = 0;

  it('creates and updates Secrets through the API and kubectl, and reads them back in clear', async () => {
    expect((await client.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } })).status).toBe(201);
    const created = await client.post(`/api/v1/namespaces/${NS}/secrets`, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'api' },
      data: { data: b64(V.data) },
      stringData: { string: V.stringData },
    });
    expect(created.status, created.text).toBe(201);
    firstRv = Number(created.json.metadata.resourceVersion);
    expect(unb64(created.json.data.string)).toBe(V.stringData);

    // A live watch sees the update decrypted.
    const watch = client.watch(`/api/v1/namespaces/${NS}/secrets?watch=true&resourceVersion=${firstRv}`);
    await watch.opened;
    const current = (await client.get(`/api/v1/namespaces/${NS}/secrets/api`)).json;
    const updated = await client.put(`/api/v1/namespaces/${NS}/secrets/api`, { ...current, stringData: { string: V.updated } });
    expect(updated.status, updated.text).toBe(200);
    const events = await watch.until((es) => es.some((e) => e.type === 'MODIFIED'));
    watch.stop();
    expect(unb64(events.find((e) => e.type === 'MODIFIED')!.object.data.string)).toBe(V.updated);

    // kubectl create sends protobuf; kubectl patch a strategic merge patch.
    const made = await kubectl.run(['create', 'secret', 'generic', 'kubectl', '-n', NS, `--from-literal=literal=${V.kubectlLiteral}`]);
    expect(made.code, made.stderr).toBe(0);
    const patched = await kubectl.run(['patch', 'secret', 'kubectl', '-n', NS, '-p', JSON.stringify({ data: { patched: b64(V.kubectlPatch) } })]);
    expect(patched.code, patched.stderr).toBe(0);

    expect((await client.post(`/api/v1/namespaces/${NS}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'canary' }, data: { v: CANARY } })).status).toBe(201);
    await expectAllValuesReadable();
  });

  it('an unchanged update makes no revision (plaintext compared, not ciphertexts)', async () => {
    const before = (await client.get(`/api/v1/namespaces/${NS}/secrets/api`)).json;
    const again = await client.put(`/api/v1/namespaces/${NS}/secrets/api`, before);
    expect(again.status, again.text).toBe(200);
    expect(again.json.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it('a watch from an old revision replays the change log decrypted', async () => {
    const watch = client.watch(`/api/v1/namespaces/${NS}/secrets?watch=true&resourceVersion=${firstRv - 1}`);
    const events = await watch.until((es) => es.filter((e) => e.object?.metadata?.name).length >= 4);
    watch.stop();
    const strings = events.filter((e) => e.object.metadata.name === 'api').map((e) => unb64(e.object.data.string));
    expect(strings).toEqual([V.stringData, V.updated]);
  });

  it('stores every Secret row encrypted and no value anywhere in the raw SQLite files', async () => {
    const objects = await storedBodies('objects');
    const changes = await storedBodies('changes');
    expect(objects.length).toBeGreaterThanOrEqual(2);
    for (const body of [...objects, ...changes]) expect(body).toMatch(/^k8s:enc:aesgcm:v1:key-\d{8}:/);
    const files = persistedFiles();
    expect(files.some((f) => f.endsWith('.sqlite'))).toBe(true);
    // The search does see data: the ConfigMap's value (not encrypted) is on disk, while running.
    expect(filesContaining(CANARY).length).toBeGreaterThan(0);
    for (const v of Object.values(V)) {
      expect(filesContaining(v), v).toEqual([]);
      expect(filesContaining(b64(v)), b64(v)).toEqual([]);
    }
    // And once the stack has stopped (the WAL checkpointed into the database file).
    await shutdown();
    expect(filesContaining(CANARY).length).toBeGreaterThan(0);
    for (const v of Object.values(V)) expect([...filesContaining(v), ...filesContaining(b64(v))], v).toEqual([]);
  });

  it('rotation: a new first key, kubectl replace of every Secret and the change log rewrap re-encrypt everything', async () => {
    const oldKeys = readFileSync(join(stateDir, 'pki', ENCRYPTION_KEYS_FILE), 'utf8').trim();
    const newKey = newEncryptionKey('key-new');
    await boot(`${newKey},${oldKeys}`);
    await expectAllValuesReadable();
    const rvBefore = (await client.get(`/api/v1/namespaces/${NS}/secrets/api`)).json.metadata.resourceVersion;

    const dump = await kubectl.run(['get', 'secrets', '-A', '-o', 'json']);
    expect(dump.code, dump.stderr).toBe(0);
    // --validate=false: kubectl validates a List against /openapi/v2, which is not served (the server still validates each item).
    const replaced = await kubectl.run(['replace', '--validate=false', '-f', kubectl.file('secrets.json', dump.stdout)]);
    expect(replaced.code, replaced.stderr).toBe(0);
    // Unchanged content, yet rewritten: the value was under an old key.
    expect((await client.get(`/api/v1/namespaces/${NS}/secrets/api`)).json.metadata.resourceVersion).not.toBe(rvBefore);
    for (const body of await storedBodies('objects')) expect(body.startsWith('k8s:enc:aesgcm:v1:key-new:')).toBe(true);

    const maintenance = await stack!.mf.getDurableObjectNamespace('MAINTENANCE', 'kubeflare-api');
    const stub = maintenance.get(maintenance.idFromName('cluster')) as unknown as { rewrapNow(): Promise<{ rewrapped: number; unreadable: number }> };
    // The Maintenance alarm may have rewrapped already (its 30 s timer survives restarts); either way the
    // change log's rows under the old key (checked in the test before) are all under the new one now.
    const res = await stub.rewrapNow();
    expect(res.unreadable).toBe(0);
    for (const body of await storedBodies('changes')) expect(body.startsWith('k8s:enc:aesgcm:v1:key-new:')).toBe(true);
    expect((await stub.rewrapNow()).rewrapped).toBe(0);

    // A second replace finds nothing stale: no new revisions.
    const rvAfter = (await client.get(`/api/v1/namespaces/${NS}/secrets/api`)).json.metadata.resourceVersion;
    const dump2 = await kubectl.run(['get', 'secrets', '-n', NS, '-o', 'json']);
    expect((await kubectl.run(['replace', '--validate=false', '-f', kubectl.file('secrets2.json', dump2.stdout)])).code).toBe(0);
    expect((await client.get(`/api/v1/namespaces/${NS}/secrets/api`)).json.metadata.resourceVersion).toBe(rvAfter);
    await shutdown();

    // Only the new key left: everything still reads, including a watch replaying the whole log.
    await boot(newKey);
    await expectAllValuesReadable();
    const watch = client.watch(`/api/v1/namespaces/${NS}/secrets?watch=true&resourceVersion=${firstRv - 1}`);
    const events = await watch.until((es) => es.filter((e) => e.object?.metadata?.name === 'api').length >= 3);
    watch.stop();
    expect(events.every((e) => e.type !== 'ERROR')).toBe(true);
    for (const v of Object.values(V)) expect([...filesContaining(v), ...filesContaining(b64(v))], v).toEqual([]);
  });

  it('a value under a key no longer configured is an InternalError for that Secret; other kinds and reads go on', async () => {
    // Write a row as an old key would have: encrypted with a key the stack does not hold.
    const secret = randomBytes(32);
    const k = await webcrypto.subtle.importKey('raw', secret, { name: 'AES-GCM' }, false, ['encrypt']);
    const nonce = randomBytes(12);
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'orphan', namespace: NS, uid: 'u-orphan' }, data: { x: b64('lost') } });
    const ct = new Uint8Array(
      await webcrypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: new TextEncoder().encode(`/registry/secrets/${NS}/orphan`) }, k, new TextEncoder().encode(body)),
    );
    const stored = `k8s:enc:aesgcm:v1:key-gone:${Buffer.concat([nonce, ct]).toString('base64')}`;
    const db = await stack!.mf.getD1Database('DB', 'kubeflare-api');
    await db
      .prepare(`INSERT INTO objects (resource, namespace, name, uid, rv, body, labels, fields, node_name) VALUES ('secrets', ?, 'orphan', 'u-orphan', (SELECT MAX(revision) FROM changes), ?, '{}', '{}', NULL)`)
      .bind(NS, stored)
      .run();

    const got = await client.get(`/api/v1/namespaces/${NS}/secrets/orphan`);
    expect(got.status).toBe(500);
    expect(got.json.reason).toBe('InternalError');
    expect(got.json.message).toContain(`unable to transform key "/registry/secrets/${NS}/orphan": no key named key-gone`);
    // A list that includes it fails as a whole, as upstream's does; the other Secrets still read one by one.
    expect((await client.get(`/api/v1/namespaces/${NS}/secrets`)).status).toBe(500);
    expect(await secretValue('api', 'data')).toBe(V.data);
    expect((await client.get(`/api/v1/namespaces/${NS}/configmaps/canary`)).status).toBe(200);
    const byKubectl = await kubectl.run(['get', 'secret', 'orphan', '-n', NS]);
    expect(byKubectl.code).not.toBe(0);
    expect(byKubectl.stderr).toContain('unable to transform key');
    // A watch whose initial list meets it ends with an ERROR event; the channel serves other watches.
    const broken = client.watch(`/api/v1/namespaces/${NS}/secrets?watch=true`);
    const ev = await broken.until((es) => es.some((e) => e.type === 'ERROR'));
    expect(ev.find((e) => e.type === 'ERROR')!.object.code).toBe(500);
    const now = (await client.get(`/api/v1/namespaces/${NS}/configmaps`)).json.metadata.resourceVersion;
    const fine = client.watch(`/api/v1/namespaces/${NS}/secrets?watch=true&resourceVersion=${now}`);
    await fine.opened;
    const cur = (await client.get(`/api/v1/namespaces/${NS}/secrets/api`)).json;
    expect((await client.put(`/api/v1/namespaces/${NS}/secrets/api`, { ...cur, data: { ...cur.data, more: b64('more') } })).status).toBe(200);
    await fine.until((es) => es.some((e) => e.type === 'MODIFIED' && e.object.data.more === b64('more')));
    fine.stop();
    broken.stop();
  });

  it('a Secret stored before encryption was enabled (plain JSON) reads, and its next write encrypts it', async () => {
    const db = await stack!.mf.getD1Database('DB', 'kubeflare-api');
    const legacy = `kf-legacy-${tag}-foxtrot`;
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'legacy', namespace: NS, uid: 'u-legacy' }, data: { old: b64(legacy) } });
    await db
      .prepare(`INSERT INTO objects (resource, namespace, name, uid, rv, body, labels, fields, node_name) VALUES ('secrets', ?, 'legacy', 'u-legacy', (SELECT MAX(revision) FROM changes), ?, '{}', '{}', NULL)`)
      .bind(NS, body)
      .run();
    expect(await secretValue('legacy', 'old')).toBe(legacy);
    const cur = (await client.get(`/api/v1/namespaces/${NS}/secrets/legacy`)).json;
    const rewritten = await client.put(`/api/v1/namespaces/${NS}/secrets/legacy`, cur);
    expect(rewritten.status, rewritten.text).toBe(200);
    expect(rewritten.json.metadata.resourceVersion).not.toBe(cur.metadata.resourceVersion);
    const row = await db.prepare(`SELECT body FROM objects WHERE resource = 'secrets' AND namespace = ? AND name = 'legacy'`).bind(NS).first<{ body: string }>();
    expect(row!.body.startsWith('k8s:enc:aesgcm:v1:key-new:')).toBe(true);
    expect(await secretValue('legacy', 'old')).toBe(legacy);
  });
});
