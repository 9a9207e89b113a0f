// Joining a node on the real stack: bootstrap tokens (kubeadm's Secrets), the signed cluster-info,
// the node credential exchange, what each credential may do, and the join command's errors.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinCluster, type CliIO } from '../agent/src/cli';
import { loadConfig } from '../agent/src/config';
import { createNodeFetcher, type NodeFetcher } from '../agent/src/http';
import { createBootstrapToken } from '../local/bootstrap-token';
import { ROOT, startStack } from '../local/stack';
import { ApiClient as KubeClient } from '../workers/kube/client';
import { eventually } from './eventually';
import { ApiClient, type TestStack, startTestStack } from './harness';

let stack: TestStack;
let fetcher: NodeFetcher;
let admin: KubeClient;
let dir: string;
let token: string;
const io: CliIO & { lines: string[] } = { lines: [], out: (t) => io.lines.push(t), err: (t) => io.lines.push(t) };
const as = (t: string) => new ApiClient(stack.url, t, stack.caPem);
const whoAmI = async (t: string) => (await as(t).post('/apis/authentication.k8s.io/v1/selfsubjectreviews', {})).json?.status?.userInfo;

beforeAll(async () => {
  stack = await startTestStack();
  fetcher = createNodeFetcher({ caPem: stack.caPem });
  admin = new KubeClient({ fetch: fetcher, baseUrl: stack.url, token: stack.token, userAgent: 'test' });
  dir = mkdtempSync(join(tmpdir(), 'agent-join-'));
  writeFileSync(join(dir, 'ca.crt'), stack.caPem);
  token = await createBootstrapToken(admin, { ttlSeconds: 3600, clusterInfo: { server: stack.url, caPem: stack.caPem } });
});
afterAll(async () => {
  fetcher?.close();
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('bootstrap tokens', () => {
  it('are kubeadm Secrets and authenticate as system:bootstrap:<id>', async () => {
    expect(token).toMatch(/^[a-z0-9]{6}\.[a-z0-9]{16}$/);
    const id = token.slice(0, 6);
    const secret = await admin.get<{ type: string; data: Record<string, string> }>(`/api/v1/namespaces/kube-system/secrets/bootstrap-token-${id}`);
    expect(secret.type).toBe('bootstrap.kubernetes.io/token');
    expect(Buffer.from(secret.data['usage-bootstrap-authentication'], 'base64').toString()).toBe('true');
    expect(await whoAmI(token)).toEqual({ username: `system:bootstrap:${id}`, groups: ['system:bootstrappers', 'system:bootstrappers:kubeflare:default-node-token', 'system:authenticated'] });
  });

  it('may not read Secrets or list pods, worded as upstream', async () => {
    const id = token.slice(0, 6);
    const secrets = await as(token).get('/api/v1/namespaces/kube-system/secrets');
    expect(secrets.status).toBe(403);
    expect(secrets.json.message).toBe(`secrets is forbidden: User "system:bootstrap:${id}" cannot list resource "secrets" in API group "" in the namespace "kube-system"`);
    const pods = await as(token).get('/api/v1/pods');
    expect(pods.status).toBe(403);
    expect(pods.json.message).toBe(`pods is forbidden: User "system:bootstrap:${id}" cannot list resource "pods" in API group "" at the cluster scope`);
  });

  it('are refused when expired or when the secret half is wrong', async () => {
    await admin.create('/api/v1/namespaces/kube-system/secrets', {
      metadata: { name: 'bootstrap-token-old123' },
      type: 'bootstrap.kubernetes.io/token',
      stringData: { 'token-id': 'old123', 'token-secret': '0123456789abcdef', expiration: '2020-01-01T00:00:00Z', 'usage-bootstrap-authentication': 'true' },
    });
    expect((await as('old123.0123456789abcdef').post('/apis/authentication.k8s.io/v1/selfsubjectreviews', {})).status).toBe(401);
    const wrong = `${token.slice(0, 7)}${token.slice(7).split('').reverse().join('')}`;
    expect((await as(wrong).post('/apis/authentication.k8s.io/v1/selfsubjectreviews', {})).status).toBe(401);
  });

  it('lets anyone read cluster-info, and nothing else anonymously', async () => {
    expect((await as('').get('/api/v1/namespaces/kube-public/configmaps/cluster-info')).status).toBe(200);
    expect((await as('').get('/api/v1/namespaces/kube-public/configmaps')).status).toBe(401);
  });
});

describe('kubeflare-agent join', () => {
  let nodeToken: string;
  it('verifies the CA through the token signature and writes a 0600 config', async () => {
    const configPath = join(dir, 'agent.yaml');
    const r = await joinCluster({ server: stack.url, token, insecure: true, nodeName: 'join-node-1', configPath, stateDir: join(dir, 'state') }, io);
    expect(r.user).toBe('system:node:join-node-1');
    expect(statSync(configPath).mode & 0o777).toBe(0o600);
    const config = loadConfig(configPath);
    expect(config).toMatchObject({ server: stack.url, nodeName: 'join-node-1', caPem: stack.caPem });
    expect(config.token).not.toBe(token);
    nodeToken = config.token;
  });

  it('gives a credential that is system:node:<name> and can create its Node and Lease', async () => {
    expect(await whoAmI(nodeToken)).toMatchObject({ username: 'system:node:join-node-1', groups: ['system:nodes', 'system:authenticated'] });
    const node = await as(nodeToken).post('/api/v1/nodes', { metadata: { name: 'join-node-1' } });
    expect(node.status).toBe(201);
    const lease = await as(nodeToken).post('/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', {
      metadata: { name: 'join-node-1' },
      spec: { holderIdentity: 'join-node-1', leaseDurationSeconds: 40 },
    });
    expect(lease.status).toBe(201);
    // A node credential is not a bootstrapper: it cannot mint more credentials.
    expect((await as(nodeToken).post('/apis/kubeflare.dev/v1/nodecredentials', { nodeName: 'other' })).status).toBe(403);
  });

  it('revokes the previous node token when the same node joins again', async () => {
    const r = await joinCluster({ server: stack.url, token, caFile: join(dir, 'ca.crt'), nodeName: 'join-node-1', configPath: join(dir, 'again.yaml') }, io);
    const fresh = r.config.token;
    expect((await whoAmI(fresh)).username).toBe('system:node:join-node-1');
    await eventually(async () => ((await as(nodeToken).post('/apis/authentication.k8s.io/v1/selfsubjectreviews', {})).status === 401 ? true : undefined), 20_000, 'old token revoked');
  });

  it('explains a refused token: expired, or a wrong secret', async () => {
    const common = { server: stack.url, caFile: join(dir, 'ca.crt'), nodeName: 'n2', configPath: join(dir, 'never.yaml') };
    await expect(joinCluster({ ...common, token: 'old123.0123456789abcdef' }, io)).rejects.toThrow(/^the bootstrap token was refused: Unauthorized/);
    const wrong = `${token.slice(0, 7)}zzzzzzzzzzzzzzzz`;
    await expect(joinCluster({ ...common, token: wrong }, io)).rejects.toThrow(/^the bootstrap token was refused/);
    // Through discovery, a wrong secret fails before the token is ever sent.
    await expect(joinCluster({ ...common, caFile: undefined, insecure: true, token: wrong }, io)).rejects.toThrow(/signature for token id .* does not match/);
  });

  it('explains a bad or unreachable server, and an untrusted certificate', async () => {
    const common = { token, nodeName: 'n3', configPath: join(dir, 'never.yaml') };
    await expect(joinCluster({ ...common, server: 'http://127.0.0.1:6443' }, io)).rejects.toThrow(/must use https:\/\//);
    await expect(joinCluster({ ...common, server: 'not a url' }, io)).rejects.toThrow(/is not a URL/);
    await expect(joinCluster({ ...common, server: 'https://127.0.0.1:1', caFile: join(dir, 'ca.crt') }, io)).rejects.toThrow('cannot reach the API server at https://127.0.0.1:1: the connection was refused');
    await expect(joinCluster({ ...common, server: stack.url }, io)).rejects.toThrow(/certificate that is not trusted/);
  });

  it('validates the node name on the server: 422 for a bad name, 400 for a bad body', async () => {
    const bad = await as(token).post('/apis/kubeflare.dev/v1/nodecredentials', { nodeName: 'Bad_Name' });
    expect(bad.status).toBe(422);
    expect(bad.json.message).toMatch(/^NodeCredential.kubeflare.dev "Bad_Name" is invalid: nodeName: a lowercase RFC 1123 subdomain/);
    expect((await as(token).post('/apis/kubeflare.dev/v1/nodecredentials', { node: 1 })).status).toBe(400);
    expect((await as(token).request('POST', '/apis/kubeflare.dev/v1/nodecredentials', { raw: 'nope', headers: { 'Content-Type': 'application/json' } })).status).toBe(400);
  });

  it('runs as a command: usage errors exit 2 with a hint', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'agent/bin/kubeflare-agent.mjs'), 'join', '--server', stack.url, '--token', 'not-a-token'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--token: expected a bootstrap token <id>.<secret>');
    expect(r.stderr).toContain('See: kubeflare-agent join --help');
  });
});

describe('default RBAC on an existing cluster', () => {
  it('gains the bootstrapper rule and binding when it starts with a newer bootstrap version', async () => {
    const state = mkdtempSync(join(tmpdir(), 'agent-upgrade-'));
    const ROLE = 'rbac.authorization.k8s.io/clusterroles';
    const BINDING = 'rbac.authorization.k8s.io/clusterrolebindings';
    try {
      let s = await startStack({ stateDir: state, port: 0, persist: true, components: false });
      try {
        const c = new ApiClient(s.url, s.token, s.caPem);
        expect((await c.get('/api/v1/namespaces')).status).toBe(200); // bootstraps
        c.close();
        // As a cluster bootstrapped before node credentials existed would have them:
        const db = (await s.mf.getD1Database('DB', 'kubeflare-api')) as unknown as D1Database;
        await db.prepare(`UPDATE objects SET body = json_set(body, '$.rules', json_array(json_extract(body, '$.rules[0]'))) WHERE resource = ? AND name = 'system:node-bootstrapper'`).bind(ROLE).run();
        await db.prepare(`UPDATE objects SET body = json_set(body, '$.subjects', json('[]')) WHERE resource = ? AND name = 'system:node-bootstrapper'`).bind(BINDING).run();
        await db.prepare(`UPDATE meta SET value = 3 WHERE key = 'bootstrap'`).run();
      } finally {
        await s.stop();
      }
      s = await startStack({ stateDir: state, port: 0, persist: true, components: false });
      try {
        const c = new ApiClient(s.url, s.token, s.caPem);
        const role = await c.get('/apis/rbac.authorization.k8s.io/v1/clusterroles/system:node-bootstrapper');
        expect(role.json.rules).toContainEqual({ verbs: ['create'], apiGroups: ['kubeflare.dev'], resources: ['nodecredentials'] });
        expect(role.json.rules).toHaveLength(2);
        const binding = await c.get('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/system:node-bootstrapper');
        expect(binding.json.subjects).toEqual([{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:bootstrappers' }]);
        c.close();
      } finally {
        await s.stop();
      }
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });
});
