// The enforcer against a fake API (lists + watch streams the test writes into) and a fake apply.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../workers/kube/client';
import { PolicyEnforcer } from './enforcer';
import { namespace, pod, policy } from './fixtures.testing';

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
const PODS = '/api/v1/pods';
const NSS = '/api/v1/namespaces';
const POLS = '/apis/networking.k8s.io/v1/networkpolicies';

function fakeApi(lists: Record<string, unknown[]>) {
  const streams = new Map<string, ReadableStreamDefaultController<Uint8Array>>();
  const listed: string[] = [];
  const enc = new TextEncoder();
  const api = new ApiClient({
    baseUrl: 'https://api.test',
    token: 't',
    userAgent: 'test',
    fetch: async (req) => {
      const url = new URL(req.url);
      if (url.searchParams.get('watch') !== 'true') {
        listed.push(url.pathname);
        return json({ metadata: { resourceVersion: '1' }, items: lists[url.pathname] ?? [] });
      }
      return new Response(new ReadableStream<Uint8Array>({ start: (c) => void streams.set(url.pathname, c) }));
    },
  });
  const send = (path: string, type: string, object: unknown) => streams.get(path)!.enqueue(enc.encode(`${JSON.stringify({ type, object })}\n`));
  const watching = async () => {
    while (streams.size < 3) await new Promise((r) => setTimeout(r, 1));
  };
  return { api, send, watching, listed };
}

const rv = <T extends { metadata: object }>(o: T, n: number) => ({ ...o, metadata: { ...o.metadata, resourceVersion: String(n) } });
async function until(cond: () => boolean) {
  while (!cond()) await new Promise((r) => setTimeout(r, 1));
}

let enforcer: PolicyEnforcer | null = null;
afterEach(async () => {
  await enforcer?.stop();
  enforcer = null;
});

describe('PolicyEnforcer', () => {
  it('loads the whole table once all three lists are in, then sends only set elements for a pod change', async () => {
    const web = rv(pod('default', 'web', '10.244.0.10', { app: 'web' }), 2);
    const deny = rv(policy('default', 'deny', {}), 3);
    const fake = fakeApi({ [PODS]: [web], [NSS]: [rv(namespace('default'), 1)], [POLS]: [deny] });
    const scripts: { script: string; full: boolean }[] = [];
    enforcer = new PolicyEnforcer({ api: fake.api, nodeName: 'node-a', apply: async () => undefined, onApplied: ({ script, full }) => scripts.push({ script, full }) });
    enforcer.start();
    await fake.watching();
    await until(() => scripts.length === 1);
    expect(scripts[0].full).toBe(true);
    expect(scripts[0].script).toContain('delete table ip kubeflare-netpol');
    expect(enforcer.applied).toContain('ip daddr @ingress-targets-default/deny jump ingress-default/deny');

    // A second pod of the namespace starts: it is isolated by the same policy, with element updates only.
    fake.send(PODS, 'ADDED', rv(pod('default', 'web-2', '10.244.0.11', { app: 'web' }, { ports: [{ name: 'http', port: 80 }] }), 4));
    await until(() => scripts.length === 2);
    expect(scripts[1]).toEqual({
      full: false,
      script: [
        'add element ip kubeflare-netpol ingress-isolated { 10.244.0.11 }',
        'add element ip kubeflare-netpol local-pods { 10.244.0.11 }',
        'add element ip kubeflare-netpol cluster-pods { 10.244.0.11 }',
        'add element ip kubeflare-netpol ingress-targets-default/deny { 10.244.0.11 }',
        '',
      ].join('\n'),
    });
    // A policy deleted: its chain and set go.
    fake.send(POLS, 'DELETED', deny);
    await until(() => scripts.length === 3);
    expect(scripts[2].script).toContain('delete chain ip kubeflare-netpol ingress-default/deny');
    expect(enforcer.applied).not.toContain('ingress-default/deny');
  });

  it('programs nothing before every list has arrived, and replaces the table whole after a failed apply', async () => {
    const fake = fakeApi({ [PODS]: [rv(pod('default', 'web', '10.244.0.10'), 2)], [NSS]: [], [POLS]: [] });
    let fail = true;
    const scripts: string[] = [];
    enforcer = new PolicyEnforcer({
      api: fake.api,
      nodeName: 'node-a',
      retryMs: 5,
      onError: () => undefined,
      apply: async (s) => {
        scripts.push(s);
        if (fail) {
          fail = false;
          throw new Error('nft failed');
        }
      },
    });
    enforcer.start();
    await fake.watching();
    await until(() => scripts.length === 2);
    expect(scripts[0]).toContain('delete table');
    expect(scripts[1]).toBe(scripts[0]);
    expect(enforcer.applied).toBe(scripts[1]);
  });
});
