// Controllers run in their own worker's Durable Objects and act through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStack, startTestStack } from './harness';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

async function eventually<T>(f: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('serviceaccount controller', () => {
  it('gives existing and new namespaces a default ServiceAccount, and recreates it', async () => {
    const c = stack.client;
    await eventually(async () => ((await c.get('/api/v1/namespaces/kube-system/serviceaccounts/default')).status === 200 ? true : undefined));
    await c.post('/api/v1/namespaces', { metadata: { name: 'fresh' } });
    const sa = await eventually(async () => {
      const r = await c.get('/api/v1/namespaces/fresh/serviceaccounts/default');
      return r.status === 200 ? r.json : undefined;
    });
    expect(sa.metadata.namespace).toBe('fresh');
    await c.delete('/api/v1/namespaces/fresh/serviceaccounts/default');
    await eventually(async () => ((await c.get('/api/v1/namespaces/fresh/serviceaccounts/default')).status === 200 ? true : undefined));
  });
});
