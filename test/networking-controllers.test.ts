// The EndpointSlice and Endpoints controllers, end to end: pods given addresses and readiness
// through /status, a Service selecting them, and the objects the controllers keep in step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStack, startTestStack } from './harness';
import { eventually } from './eventually';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});


const NS = '/api/v1/namespaces/default';
const SLICES = '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices';

interface Slice {
  metadata: { name: string; labels: Record<string, string>; ownerReferences: { kind: string; name: string; uid: string; controller: boolean }[] };
  addressType: string;
  endpoints?: { addresses: string[]; conditions: { ready: boolean; serving: boolean; terminating: boolean }; targetRef: { kind: string; name: string }; nodeName?: string }[];
  ports?: { name: string; port: number; protocol: string }[];
}

async function makePod(name: string, ip: string, ready: boolean, extra: { finalizers?: string[]; ports?: { name: string; containerPort: number }[] } = {}) {
  const created = await stack.client.post(`${NS}/pods`, {
    metadata: { name, labels: { app: 'shop' }, ...(extra.finalizers ? { finalizers: extra.finalizers } : {}) },
    spec: { containers: [{ name: 'web', image: 'nginx', ports: extra.ports ?? [{ name: 'http', containerPort: 8080 }] }] },
  });
  expect(created.status).toBe(201);
  await setReady(name, ip, ready);
}

async function setReady(name: string, ip: string, ready: boolean) {
  const r = await stack.client.patch(`${NS}/pods/${name}/status`, {
    status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }] },
  });
  expect(r.status).toBe(200);
}

const slicesOf = async (svc: string) => (await stack.client.get(`${SLICES}?labelSelector=kubernetes.io%2Fservice-name%3D${svc}`)).json.items as Slice[];
const endpointsOf = async (svc: string) => {
  const r = await stack.client.get(`${NS}/endpoints/${svc}`);
  return r.status === 200 ? r.json : undefined;
};
const byIp = (s: Slice[]) => Object.fromEntries(s.flatMap((x) => x.endpoints ?? []).map((e) => [e.addresses[0], e.conditions]));

describe('endpoint controllers', () => {
  let svcUid = '';

  it('publishes the selected pods in an EndpointSlice and in Endpoints', async () => {
    await makePod('shop-a', '10.244.0.10', true);
    await makePod('shop-b', '10.244.0.11', false);
    await makePod('shop-c', '10.244.0.12', true, { ports: [{ name: 'admin', containerPort: 9000 }] });
    const svc = await stack.client.post(`${NS}/services`, {
      metadata: { name: 'shop', labels: { tier: 'front' } },
      spec: { selector: { app: 'shop' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    });
    expect(svc.status).toBe(201);
    svcUid = svc.json.metadata.uid;

    const slices = await eventually(async () => {
      const l = await slicesOf('shop');
      return l.length === 2 && l.flatMap((x) => x.endpoints ?? []).length === 3 ? l : undefined;
    });
    for (const s of slices) {
      expect(s.metadata.name).toMatch(/^shop-[a-z0-9]{5}$/);
      expect(s.addressType).toBe('IPv4');
      expect(s.metadata.labels).toMatchObject({ 'kubernetes.io/service-name': 'shop', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', tier: 'front' });
      expect(s.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Service', name: 'shop', uid: svcUid, controller: true })]);
    }
    // shop-c declares no "http" port: it sits in a slice without that port.
    const withHttp = slices.find((s) => s.ports?.length)!;
    expect(withHttp.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(withHttp.endpoints?.map((e) => e.targetRef.name).sort()).toEqual(['shop-a', 'shop-b']);
    expect(byIp(slices)).toEqual({
      '10.244.0.10': { ready: true, serving: true, terminating: false },
      '10.244.0.11': { ready: false, serving: false, terminating: false },
      '10.244.0.12': { ready: true, serving: true, terminating: false },
    });

    const ep = await eventually(async () => {
      const e = await endpointsOf('shop');
      return e?.subsets?.length ? e : undefined;
    });
    expect(ep.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Service', name: 'shop', uid: svcUid })]);
    expect(ep.subsets).toEqual([
      {
        addresses: [{ ip: '10.244.0.10', targetRef: expect.objectContaining({ kind: 'Pod', name: 'shop-a' }) }],
        notReadyAddresses: [{ ip: '10.244.0.11', targetRef: expect.objectContaining({ kind: 'Pod', name: 'shop-b' }) }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
  });

  it('follows readiness and termination', async () => {
    await setReady('shop-a', '10.244.0.10', false);
    await setReady('shop-b', '10.244.0.11', true);
    await eventually(async () => {
      const m = byIp(await slicesOf('shop'));
      return m['10.244.0.10']?.ready === false && m['10.244.0.11']?.ready === true ? true : undefined;
    });
    const ep = await eventually(async () => {
      const e = await endpointsOf('shop');
      return e?.subsets?.[0]?.addresses?.[0]?.ip === '10.244.0.11' ? e : undefined;
    });
    expect(ep.subsets[0].notReadyAddresses.map((a: { ip: string }) => a.ip)).toEqual(['10.244.0.10']);

    // A finalizer keeps the deleted pod around, terminating.
    await makePod('shop-d', '10.244.0.13', true, { finalizers: ['example.com/hold'] });
    await eventually(async () => (byIp(await slicesOf('shop'))['10.244.0.13']?.ready ? true : undefined));
    expect((await stack.client.delete(`${NS}/pods/shop-d`)).status).toBe(200);
    const cond = await eventually(async () => {
      const c = byIp(await slicesOf('shop'))['10.244.0.13'];
      return c?.terminating ? c : undefined;
    });
    expect(cond).toEqual({ ready: false, serving: true, terminating: true });
    // Endpoints drop terminating pods altogether.
    await eventually(async () => {
      const e = await endpointsOf('shop');
      const ips = (e?.subsets ?? []).flatMap((s: { addresses?: { ip: string }[]; notReadyAddresses?: { ip: string }[] }) => [...(s.addresses ?? []), ...(s.notReadyAddresses ?? [])].map((a) => a.ip));
      return ips.length === 2 && !ips.includes('10.244.0.13') ? true : undefined;
    });
    await stack.client.patch(`${NS}/pods/shop-d`, { metadata: { finalizers: null } });
    await eventually(async () => (byIp(await slicesOf('shop'))['10.244.0.13'] === undefined ? true : undefined));
  });

  it('puts back a slice someone edited', async () => {
    const [s] = (await slicesOf('shop')).filter((x) => x.ports?.length);
    const r = await stack.client.patch(`${SLICES}/${s.metadata.name}`, { endpoints: [] });
    expect(r.status).toBe(200);
    await eventually(async () => ((await stack.client.get(`${SLICES}/${s.metadata.name}`)).json.endpoints?.length === 2 ? true : undefined));
  });

  it('leaves Services without a selector alone, and gives a Service without pods an empty slice', async () => {
    await stack.client.post(`${NS}/services`, { metadata: { name: 'manual' }, spec: { ports: [{ port: 80 }] } });
    const manual = { metadata: { name: 'manual' }, subsets: [{ addresses: [{ ip: '192.168.1.1' }], ports: [{ port: 80 }] }] };
    expect((await stack.client.post(`${NS}/endpoints`, manual)).status).toBe(201);
    await stack.client.post(`${NS}/services`, { metadata: { name: 'lonely' }, spec: { selector: { app: 'nobody' }, ports: [{ port: 80 }] } });
    const [placeholder] = await eventually(async () => {
      const l = await slicesOf('lonely');
      return l.length ? l : undefined;
    });
    expect(placeholder.endpoints ?? []).toEqual([]);
    expect(await slicesOf('manual')).toEqual([]);
    expect((await endpointsOf('manual')).subsets[0].addresses[0].ip).toBe('192.168.1.1');
  });

  it('removes the slices and Endpoints of a deleted Service', async () => {
    expect((await stack.client.delete(`${NS}/services/shop`)).status).toBe(200);
    await eventually(async () => ((await slicesOf('shop')).length === 0 && (await endpointsOf('shop')) === undefined ? true : undefined));
  });
});
