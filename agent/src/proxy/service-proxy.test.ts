import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../workers/kube/client';
import { ServiceProxy } from './service-proxy';
import { ep, slice, svc } from './fixtures.testing';

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });

/** A fake API: lists answer from `lists`; each watch is a stream the test writes events into. */
function fakeApi(lists: Record<string, unknown[]>) {
  const streams = new Map<string, ReadableStreamDefaultController<Uint8Array>>();
  const enc = new TextEncoder();
  const api = new ApiClient({
    baseUrl: 'https://api.test',
    token: 't',
    userAgent: 'test',
    fetch: async (req) => {
      const url = new URL(req.url);
      if (url.searchParams.get('watch') !== 'true') return json({ metadata: { resourceVersion: '1' }, items: lists[url.pathname] ?? [] });
      return new Response(new ReadableStream<Uint8Array>({ start: (c) => void streams.set(url.pathname, c) }));
    },
  });
  const send = (path: string, type: string, object: unknown) => streams.get(path)!.enqueue(enc.encode(`${JSON.stringify({ type, object })}\n`));
  const watching = async () => {
    while (streams.size < 2) await new Promise((r) => setTimeout(r, 1));
  };
  return { api, send, watching };
}

const SVC = '/api/v1/services';
const EPS = '/apis/discovery.k8s.io/v1/endpointslices';
const withRv = <T extends { metadata: object }>(o: T, rv: number) => ({ ...o, metadata: { ...o.metadata, resourceVersion: String(rv) } });
const web = withRv(svc('web', { clusterIP: '10.96.0.10', ports: [{ port: 80 }] }), 2);
const webSlice = withRv(slice('web', [{ port: 8080 }], [ep('10.244.0.2')]), 3);

/** An apply the test releases by hand, recording each script. */
function gatedApply() {
  const scripts: string[] = [];
  const gates: (() => void)[] = [];
  let fail = 0;
  return {
    scripts,
    failNext: (n: number) => (fail = n),
    release: () => gates.shift()?.(),
    pending: () => gates.length,
    apply: (s: string) =>
      new Promise<void>((resolve, reject) => {
        scripts.push(s);
        gates.push(() => (fail > 0 ? (fail--, reject(new Error('nft failed'))) : resolve()));
      }),
  };
}

async function until(cond: () => boolean) {
  while (!cond()) await new Promise((r) => setTimeout(r, 1));
}

let proxy: ServiceProxy | null = null;
afterEach(async () => {
  await proxy?.stop();
  proxy = null;
});

describe('ServiceProxy', () => {
  it('applies once both lists are in, then coalesces a burst of changes into one apply of the newest state', async () => {
    const { api, send, watching } = fakeApi({ [SVC]: [web], [EPS]: [webSlice] });
    const gate = gatedApply();
    proxy = new ServiceProxy({ api, nodeName: 'node-a', nodeIPs: [], apply: gate.apply });
    proxy.start();
    await watching();
    await until(() => gate.pending() === 1);
    expect(gate.scripts[0]).toContain('10.96.0.10 . tcp . 80 : goto cluster-default/web/tcp/80');

    // Three changes while the first apply is still running.
    send(EPS, 'MODIFIED', withRv(slice('web', [{ port: 8080 }], [ep('10.244.0.2'), ep('10.244.0.3')]), 4));
    send(SVC, 'ADDED', withRv(svc('api', { clusterIP: '10.96.0.11', ports: [{ port: 443 }] }), 5));
    send(SVC, 'DELETED', withRv(web, 6));
    await new Promise((r) => setTimeout(r, 20));
    expect(gate.scripts).toHaveLength(1);
    gate.release();
    await until(() => gate.pending() === 1 && gate.scripts.length === 2);
    gate.release();
    await proxy.idle();
    expect(gate.scripts).toHaveLength(2);
    // The first apply replaces the table; the second sends only what changed.
    expect(gate.scripts[0]).toContain('delete table ip kubeflare');
    expect(gate.scripts[1]).not.toContain('delete table');
    expect(gate.scripts[1].split('\n')).toEqual(
      expect.arrayContaining([
        'delete element ip kubeflare service-ips { 10.96.0.10 . tcp . 80 }',
        'add element ip kubeflare no-endpoint-services { 10.96.0.11 . tcp . 443 : goto reject-chain }',
        'delete chain ip kubeflare cluster-default/web/tcp/80',
      ]),
    );
    expect(proxy.applied).not.toContain('10.96.0.10');
    expect(proxy.applied).toContain('10.96.0.11 . tcp . 443 : goto reject-chain');
  });

  it('does not apply again when a change leaves the rules as they are', async () => {
    const { api, send, watching } = fakeApi({ [SVC]: [web], [EPS]: [webSlice] });
    const applied: string[] = [];
    proxy = new ServiceProxy({ api, nodeName: 'node-a', nodeIPs: [], apply: async (s) => void applied.push(s) });
    proxy.start();
    await watching();
    await until(() => applied.length === 1);
    send(SVC, 'MODIFIED', withRv({ ...web, metadata: { ...web.metadata, annotations: { note: 'x' } } }, 7));
    send(SVC, 'ADDED', withRv(svc('later', { clusterIP: '10.96.0.12', ports: [{ port: 80 }] }), 8));
    await until(() => applied.length === 2);
    await proxy.idle();
    expect(applied[1]).toBe('add element ip kubeflare no-endpoint-services { 10.96.0.12 . tcp . 80 : goto reject-chain }\n');
    expect(applied).toHaveLength(2);
  });

  it('replaces the table every time when incremental updates are off', async () => {
    const { api, send, watching } = fakeApi({ [SVC]: [web], [EPS]: [webSlice] });
    const applied: string[] = [];
    proxy = new ServiceProxy({ api, nodeName: 'node-a', nodeIPs: [], incremental: false, apply: async (s) => void applied.push(s) });
    proxy.start();
    await watching();
    await until(() => applied.length === 1);
    send(SVC, 'ADDED', withRv(svc('later', { clusterIP: '10.96.0.12', ports: [{ port: 80 }] }), 8));
    await until(() => applied.length === 2);
    expect(applied[1]).toContain('delete table ip kubeflare');
    expect(applied[1]).toContain('10.96.0.12 . tcp . 80 : goto reject-chain');
  });

  it('retries a failed apply with the state of that moment', async () => {
    const { api, watching } = fakeApi({ [SVC]: [web], [EPS]: [webSlice] });
    const gate = gatedApply();
    gate.failNext(1);
    const errors: unknown[] = [];
    proxy = new ServiceProxy({ api, nodeName: 'node-a', nodeIPs: [], apply: gate.apply, retryMs: 5, onError: (e) => errors.push(e) });
    proxy.start();
    await watching();
    await until(() => gate.pending() === 1);
    gate.release();
    await until(() => gate.pending() === 1 && gate.scripts.length === 2);
    gate.release();
    await proxy.idle();
    expect(errors.map(String)).toEqual(['Error: nft failed']);
    expect(gate.scripts[1]).toBe(gate.scripts[0]);
    expect(proxy.applied).toBe(gate.scripts[0]);
  });
});
