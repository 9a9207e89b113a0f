// Watch stream hygiene: dead streams are reaped and slow consumers dropped, so a channel never holds
// buffers for clients that are gone or cannot keep up.
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStack, startTestStack } from './harness';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ WATCH_POLL_MS: '200' });
});
afterAll(async () => {
  await stack?.close();
});

async function channelStats(resource: string) {
  const ns = await stack.mf.getDurableObjectNamespace('WATCH', 'kubeflare-api');
  const stub = ns.get(ns.idFromName(resource)) as unknown as { stats(): Promise<{ watchers: number; cursor: number }> };
  return stub.stats();
}

async function eventually(pred: () => Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('watch streams', () => {
  it('reaps streams whose clients went away', async () => {
    const c = stack.client;
    const streams = Array.from({ length: 5 }, () => c.watch('/api/v1/namespaces/default/secrets?watch=true'));
    await Promise.all(streams.map((s) => s.opened));
    await eventually(async () => (await channelStats('secrets')).watchers === 5);
    for (const s of streams) s.stop();
    // The next write (or heartbeat) finds the broken streams.
    await c.post('/api/v1/namespaces/default/secrets', { metadata: { name: 'reap-trigger' } });
    await eventually(async () => {
      await c.post('/api/v1/namespaces/default/secrets', { metadata: { generateName: 'reap-' } });
      return (await channelStats('secrets')).watchers === 0;
    });
  });

  it('drops a consumer that stops reading, while others keep receiving', async () => {
    const c = stack.client;
    const url = new URL(stack.url);
    // A raw TLS client that sends the watch request and then never reads the response.
    const socket = connect({ host: url.hostname, port: Number(url.port), ca: stack.caPem, servername: 'localhost' });
    await new Promise<void>((res) => socket.once('secureConnect', () => res()));
    socket.write(`GET /api/v1/namespaces/default/configmaps?watch=true HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${stack.token}\r\nAccept: application/json\r\n\r\n`);
    socket.pause();
    const healthy = c.watch('/api/v1/namespaces/default/configmaps?watch=true');
    await healthy.opened;
    await eventually(async () => (await channelStats('configmaps')).watchers === 2);
    const big = 'x'.repeat(200_000);
    let written = 0;
    await eventually(async () => {
      for (let i = 0; i < 20; i++) {
        const r = await c.post('/api/v1/namespaces/default/configmaps', { metadata: { generateName: 'big-' }, data: { big } });
        expect(r.status).toBe(201);
        written++;
      }
      return (await channelStats('configmaps')).watchers === 1;
    }, 120_000);
    await healthy.until((ev) => ev.length >= written, 60_000);
    expect(healthy.events.every((e) => e.type === 'ADDED')).toBe(true);
    healthy.stop();
    socket.destroy();
  });
});

describe('subscriber pokes', () => {
  it('pokes a subscribed Durable Object of another worker after each write', async () => {
    const watch = await stack.mf.getDurableObjectNamespace('WATCH', 'kubeflare-api');
    const channel = watch.get(watch.idFromName('pods')) as unknown as { subscribe(s: { binding: string; name: string }, resource: string): Promise<void> };
    await channel.subscribe({ binding: 'SCHEDULER', name: 'default' }, 'pods');
    // Not the default scheduler's pod, so the scheduler itself writes nothing after the create.
    const created = await stack.client.post('/api/v1/namespaces/default/pods', { metadata: { name: 'poked' }, spec: { schedulerName: 'none', containers: [{ name: 'c', image: 'busybox' }] } });
    expect(created.status).toBe(201);
    const schedulers = await stack.componentsMf.getDurableObjectNamespace('SCHEDULER', 'kubeflare-scheduler');
    const scheduler = schedulers.get(schedulers.idFromName('default')) as unknown as { state(): Promise<{ lastPoke: { resource: string; revision: number } | null }> };
    await eventually(async () => ((await scheduler.state()).lastPoke?.revision ?? 0) >= Number(created.json.metadata.resourceVersion));
    expect((await scheduler.state()).lastPoke?.resource).toBe('pods');
  });
});
