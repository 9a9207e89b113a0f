// The ServiceProxy end to end: watch events from a (fake) API server become rules in a network
// namespace of this test's own, and real connections follow them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../workers/kube/client';
import { applyRules, checkNft } from '../agent/src/proxy/apply';
import { ServiceProxy } from '../agent/src/proxy/service-proxy';
import { ep, slice, svc } from '../agent/src/proxy/fixtures.testing';
import { CLIENT_JS, inNs, NetnsLab, type Pod, SERVER_JS } from '../agent/src/proxy/netns.testing';

const lab = new NetnsLab();
const dir = mkdtempSync(join(tmpdir(), 'kf-sp-'));
const SVC = '/api/v1/services';
const EPS = '/apis/discovery.k8s.io/v1/endpointslices';
const streams = new Map<string, ReadableStreamDefaultController<Uint8Array>>();
const enc = new TextEncoder();
let rv = 10;
const withRv = <T extends { metadata: object }>(o: T) => ({ ...o, metadata: { ...o.metadata, resourceVersion: String(++rv) } });
const send = (path: string, type: string, object: unknown) => streams.get(path)!.enqueue(enc.encode(`${JSON.stringify({ type, object })}\n`));

const api = new ApiClient({
  baseUrl: 'https://api.test',
  token: 't',
  userAgent: 'test',
  fetch: async (req) => {
    const url = new URL(req.url);
    if (url.searchParams.get('watch') === 'true') return new Response(new ReadableStream<Uint8Array>({ start: (c) => void streams.set(url.pathname, c) }));
    const items = url.pathname === SVC ? [withRv(svc('web', { clusterIP: '10.96.0.10', ports: [{ port: 80, targetPort: 8080 }] }))] : [];
    return new Response(JSON.stringify({ metadata: { resourceVersion: String(rv) }, items }), { headers: { 'Content-Type': 'application/json' } });
  },
});

let podA: Pod;
let podB: Pod;
let proxy: ServiceProxy;
const applied: { full: boolean; at: number }[] = [];

async function connect(count: number): Promise<string[]> {
  return JSON.parse(await inNs(lab.node, process.execPath, join(dir, 'client.cjs'), '10.96.0.10', '80', String(count), '-')) as string[];
}

async function until(cond: () => boolean) {
  while (!cond()) await new Promise((r) => setTimeout(r, 2));
}

beforeAll(async () => {
  writeFileSync(join(dir, 'server.cjs'), SERVER_JS);
  writeFileSync(join(dir, 'client.cjs'), CLIENT_JS);
  await lab.create();
  await checkNft({ netns: lab.node });
  podA = await lab.addPod(2);
  podB = await lab.addPod(3);
  await lab.start(podA.ns, [process.execPath, join(dir, 'server.cjs'), 'podA', '8080'], 'ready');
  await lab.start(podB.ns, [process.execPath, join(dir, 'server.cjs'), 'podB', '8080'], 'ready');
  proxy = new ServiceProxy({
    api,
    nodeName: 'node-a',
    nodeIPs: [lab.nodeIP],
    apply: (script) => applyRules(script, { netns: lab.node }),
    onApplied: ({ full }) => applied.push({ full, at: performance.now() }),
  });
  proxy.start();
});

afterAll(async () => {
  await proxy?.stop();
  await lab.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('ServiceProxy in a network namespace', () => {
  it('programs the listed state, then follows EndpointSlice events incrementally', async () => {
    await until(() => applied.length === 1 && streams.size === 2);
    expect(applied[0].full).toBe(true);
    expect(await connect(1)).toEqual(['ECONNREFUSED']);

    const latencies: number[] = [];
    const step = async (endpoints: ReturnType<typeof ep>[], type = 'MODIFIED') => {
      const before = applied.length;
      const sent = performance.now();
      send(EPS, type, withRv(slice('web', [{ port: 8080 }], endpoints)));
      await until(() => applied.length > before);
      await proxy.idle();
      latencies.push(applied[applied.length - 1].at - sent);
      expect(applied[applied.length - 1].full).toBe(false);
    };
    await step([ep(podA.ip)], 'ADDED');
    expect(new Set(await connect(6))).toEqual(new Set(['podA']));
    await step([ep(podA.ip), ep(podB.ip)]);
    expect(new Set(await connect(24))).toEqual(new Set(['podA', 'podB']));
    await step([ep(podA.ip, 'node-a', { ready: false, serving: true, terminating: true }), ep(podB.ip)]);
    expect(new Set(await connect(8))).toEqual(new Set(['podB']));
    await step([]);
    expect(await connect(1)).toEqual(['ECONNREFUSED']);
    console.log(`[proxy] event -> rules applied (incremental, 1 Service): ${latencies.map((l) => l.toFixed(0)).join(', ')} ms`);
  });
});
