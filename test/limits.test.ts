// Limits on the real stack: a client over its rate gets 429 TooManyRequests with Retry-After while other
// users (and the exempt admin) are served; the real kubectl waits out a 429 and succeeds; watch caps per
// user and in all, released when a watch ends.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeFetcher, type NodeFetcher } from '../agent/src/http';
import { ApiClient as KubeClient } from '../workers/kube/client';
import { createUserToken, userKubeconfig } from '../local/user-token';
import { ApiClient as HarnessClient, type TestStack, type WatchStream, startTestStack } from './harness';
import { Kubectl } from './kubectl';
import { eventually } from './eventually';

const PATH = '/api/v1/namespaces/default/configmaps';
let stack: TestStack;
let fetcher: NodeFetcher;
let api: KubeClient;
let admin: Kubectl;
const clients = new Map<string, { client: HarnessClient; token: string }>();
const open: WatchStream[] = [];

async function user(name: string) {
  const t = await createUserToken(api, { user: name });
  const r = await admin.run(['create', 'clusterrolebinding', `${name}-view`, '--clusterrole=view', `--user=${name}`]);
  expect(r.code, r.stderr).toBe(0);
  const c = { client: new HarnessClient(stack.url, t.token, stack.caPem), token: t.token };
  clients.set(name, c);
  return c;
}

beforeAll(async () => {
  stack = await startTestStack(
    { LIMITS_QPS: '2', LIMITS_BURST: '5', LIMITS_MAX_WATCHES_PER_USER: '2', LIMITS_MAX_WATCHES: '3' },
    { components: false },
  );
  fetcher = createNodeFetcher({ caPem: stack.caPem });
  api = new KubeClient({ fetch: fetcher, baseUrl: stack.url, token: stack.token, userAgent: 'limits-test' });
  admin = new Kubectl(stack.kubeconfig);
  for (const name of ['greedy', 'polite', 'watcher', 'other']) await user(name);
  expect((await admin.run(['create', 'configmap', 'probe', '--from-literal=a=b'])).code).toBe(0);
});
afterAll(async () => {
  for (const w of open) w.stop();
  for (const c of clients.values()) c.client.close();
  admin?.close();
  fetcher?.close();
  await stack?.close();
});

describe('per-identity rate limit', () => {
  it('answers a client over its rate 429 with Retry-After, and serves everyone else', async () => {
    const greedy = clients.get('greedy')!.client;
    const burst = await Promise.all(Array.from({ length: 12 }, () => greedy.get(PATH)));
    const refused = burst.filter((r) => r.status === 429);
    expect(burst.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeGreaterThanOrEqual(5);
    for (const r of refused) {
      expect(r.json).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'TooManyRequests', code: 429 });
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(r.json.details.retryAfterSeconds).toBe(Number(r.headers['retry-after']));
    }
    // Another user and the exempt admin are unaffected while greedy is refused.
    expect((await greedy.get(PATH)).status).toBe(429);
    expect((await clients.get('polite')!.client.get(PATH)).status).toBe(200);
    const adminBurst = await Promise.all(Array.from({ length: 20 }, () => stack.client.get(PATH)));
    expect(adminBurst.every((r) => r.status === 200)).toBe(true);
    // After the wait it was told, greedy is served again.
    await new Promise((r) => setTimeout(r, Number(refused[0].headers['retry-after']) * 1000));
    expect((await greedy.get(PATH)).status).toBe(200);
  });

  it('the real kubectl waits out 429s (Retry-After) and succeeds', async () => {
    const file = join(admin.dir, 'greedy.kubeconfig');
    writeFileSync(file, userKubeconfig(stack.url, stack.caPem, 'greedy', clients.get('greedy')!.token), { mode: 0o600 });
    const greedy = new Kubectl(file);
    try {
      const flood = await Promise.all(Array.from({ length: 8 }, () => clients.get('greedy')!.client.get(PATH)));
      expect(flood.some((r) => r.status === 429)).toBe(true);
      const r = await greedy.run(['get', 'configmaps', 'probe', '-o', 'name', '-v=6'], 60_000);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe('configmap/probe');
      expect(r.stderr).toMatch(/429 Too Many Requests/);
    } finally {
      greedy.close();
    }
  });
});

describe('watch caps', () => {
  const watch = (name: string) => {
    const w = clients.get(name)!.client.watch(`${PATH}?watch=true`);
    open.push(w);
    return w;
  };

  it('caps open watches per user and in all, and frees a slot when a watch ends', async () => {
    const w1 = watch('watcher');
    const w2 = watch('watcher');
    await Promise.all([w1.opened, w2.opened]);
    expect([w1.status, w2.status]).toEqual([200, 200]);
    const overUser = await clients.get('watcher')!.client.get(`${PATH}?watch=true`);
    expect(overUser.status).toBe(429);
    expect(overUser.json.message).toBe('Too many watches open for user "watcher" (at most 2), please try again later.');
    expect(overUser.headers['retry-after']).toBe('1');
    // A third watch by someone else fills the global cap of 3; a fourth is refused for everyone.
    const o1 = watch('other');
    await o1.opened;
    expect(o1.status).toBe(200);
    const overAll = await clients.get('polite')!.client.get(`${PATH}?watch=true`);
    expect(overAll.status).toBe(429);
    expect(overAll.json.message).toBe('Too many watches open, please try again later.');
    // Closing one watch releases its slot. The server notices a closed connection only when a write to
    // it fails (the first may still land in the socket's buffer), so changes are made for the watch
    // channel to deliver until it does.
    w1.stop();
    let n = 0;
    await eventually(async () => {
      expect((await stack.client.patch(`${PATH}/probe`, { metadata: { labels: { touched: String(n++) } } })).status).toBe(200);
      const r = await clients.get('polite')!.client.get(`${PATH}?watch=true&timeoutSeconds=1`);
      return r.status === 200 ? r : undefined;
    }, 20_000, 'a watch slot after one closed');
  });
});
