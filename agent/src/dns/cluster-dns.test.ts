import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../workers/kube/client';
import { ep, slice, svc } from '../proxy/fixtures.testing';
import { ClusterDns } from './cluster-dns';
import { dnsQuery } from './client';
import { RCODE, rcodeOf, TYPE } from './wire';

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
const withRv = <T extends { metadata: object }>(o: T, rv: number) => ({ ...o, metadata: { ...o.metadata, resourceVersion: String(rv) } });

let dns: ClusterDns | null = null;
afterEach(async () => {
  await dns?.stop();
  dns = null;
});

describe('ClusterDns', () => {
  it('serves what the API lists and follows watch events', async () => {
    const enc = new TextEncoder();
    const streams = new Map<string, ReadableStreamDefaultController<Uint8Array>>();
    const lists: Record<string, unknown[]> = {
      '/api/v1/services': [withRv(svc('db', { clusterIP: 'None', ports: [{ port: 5432 }] }), 2)],
      '/apis/discovery.k8s.io/v1/endpointslices': [withRv(slice('db', [{ port: 5432 }], [ep('10.244.0.5')]), 3)],
    };
    const api = new ApiClient({
      baseUrl: 'https://api.test',
      token: 't',
      userAgent: 'test',
      fetch: async (req) => {
        const url = new URL(req.url);
        if (url.searchParams.get('watch') !== 'true') return json({ metadata: { resourceVersion: '3' }, items: lists[url.pathname] ?? [] });
        return new Response(new ReadableStream<Uint8Array>({ start: (c) => void streams.set(url.pathname, c) }));
      },
    });
    dns = new ClusterDns({ api, host: '127.0.0.1', port: 0, upstreams: [] });
    await dns.start();
    const at = { host: '127.0.0.1', port: dns.server.port };
    const ips = async () => {
      const m = await dnsQuery(at, 'db.default.svc.cluster.local', TYPE.A);
      return rcodeOf(m.flags) === RCODE.NOERROR ? m.answers.map((a) => a.data) : [];
    };
    while ((await ips()).length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(await ips()).toEqual(['10.244.0.5']);

    while (streams.size < 2) await new Promise((r) => setTimeout(r, 1));
    const ev = withRv(slice('db', [{ port: 5432 }], [ep('10.244.0.5'), ep('10.244.0.6')]), 4);
    streams.get('/apis/discovery.k8s.io/v1/endpointslices')!.enqueue(enc.encode(`${JSON.stringify({ type: 'MODIFIED', object: ev })}\n`));
    while ((await ips()).length < 2) await new Promise((r) => setTimeout(r, 5));
    expect(await ips()).toEqual(['10.244.0.5', '10.244.0.6']);
  });
});
