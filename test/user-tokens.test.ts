// Operators' user tokens: created through the API (only SHA-256 stored), a kubeconfig for them that the
// real kubectl uses, RBAC on that user, listing without secrets, revocation, and refused bad requests.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeFetcher, type NodeFetcher } from '../agent/src/http';
import { ApiClient as KubeClient } from '../workers/kube/client';
import { createUserToken, listUserTokens, revokeUserToken, userKubeconfig } from '../local/user-token';
import { ApiClient as HarnessClient, type TestStack, startTestStack } from './harness';
import { Kubectl } from './kubectl';

let stack: TestStack;
let fetcher: NodeFetcher;
let api: KubeClient;
let admin: Kubectl;

beforeAll(async () => {
  stack = await startTestStack({}, { components: false });
  fetcher = createNodeFetcher({ caPem: stack.caPem });
  api = new KubeClient({ fetch: fetcher, baseUrl: stack.url, token: stack.token, userAgent: 'user-token-test' });
  admin = new Kubectl(stack.kubeconfig);
});
afterAll(async () => {
  admin?.close();
  fetcher?.close();
  await stack?.close();
});

describe('user tokens', () => {
  let id = '';
  let kubeconfig = '';

  it('creates a token and a kubeconfig the real kubectl authenticates with', async () => {
    const t = await createUserToken(api, { user: 'dana', groups: ['devs'], ttlSeconds: 3600 });
    id = t.id;
    expect(t.id).toMatch(/^[0-9a-f]{16}$/);
    expect(t.expirationTimestamp).toMatch(/^\d{4}-/);
    kubeconfig = join(admin.dir, 'dana.kubeconfig');
    writeFileSync(kubeconfig, userKubeconfig(stack.url, stack.caPem, 'dana', t.token), { mode: 0o600 });
    const dana = new Kubectl(kubeconfig);
    try {
      const who = await dana.run(['auth', 'whoami', '-o', 'json']);
      expect(who.code, who.stderr).toBe(0);
      expect(JSON.parse(who.stdout).status.userInfo).toMatchObject({ username: 'dana', groups: ['devs', 'system:authenticated'] });
      const pods = await dana.run(['get', 'pods']);
      expect(pods.stderr).toContain('pods is forbidden: User "dana" cannot list resource "pods" in API group "" in the namespace "default"');
    } finally {
      dana.close();
    }
    // The D1 row holds the hash, never the token.
    const db = await stack.mf.getD1Database('DB', 'kubeflare-api');
    const rows = (await db.prepare("SELECT hash FROM tokens WHERE user = 'dana'").all()).results as { hash: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0].hash).not.toBe(t.token);
    expect(rows[0].hash.startsWith(t.id)).toBe(true);
  });

  it('lists tokens without secrets and revokes one', async () => {
    const list = await listUserTokens(api);
    const dana = list.find((t) => t.user === 'dana');
    expect(dana).toMatchObject({ id, groups: ['devs'] });
    expect(JSON.stringify(list)).not.toContain('"token"');
    expect(list.some((t) => t.user.startsWith('system:kube-'))).toBe(false);
    await revokeUserToken(api, id);
    const dana2 = new Kubectl(kubeconfig);
    try {
      const who = await dana2.run(['auth', 'whoami']);
      expect(who.code).not.toBe(0);
      expect(who.stderr).toMatch(/Unauthorized|must be logged in/);
    } finally {
      dana2.close();
    }
  });

  it('refuses reserved identities and bad expirations, and non-admins', async () => {
    const post = (body: unknown, client = stack.client) => client.post('/apis/kubeflare.dev/v1/usertokens', body);
    expect((await post({ user: 'system:node:n1' })).status).toBe(422);
    expect((await post({ user: 'eve', expirationSeconds: 5 })).status).toBe(422);
    expect((await post({ user: 'eve', extra: true })).status).toBe(400);
    expect((await stack.client.delete('/apis/kubeflare.dev/v1/usertokens/0000000000000000')).status).toBe(404);
    const t = await createUserToken(api, { user: 'eve' });
    const asEve = new HarnessClient(stack.url, t.token, stack.caPem);
    const eve = await asEve.post('/apis/kubeflare.dev/v1/usertokens', { user: 'mallory' });
    asEve.close();
    expect(eve.status).toBe(403);
    expect(eve.json.message).toBe('usertokens.kubeflare.dev is forbidden: User "eve" cannot create resource "usertokens" in API group "kubeflare.dev" at the cluster scope');
  });
});
