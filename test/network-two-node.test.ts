// Two real nodes (issue 7): two network namespaces of this test on one L2 segment, each with its own
// podman service and real agent (`network.enabled`), against the real API stack. A pod on node A reaches
// a Service by DNS name whose only endpoint is on node B (routes to podCIDRs via node addresses), and
// NetworkPolicy on node B tells node A's pods apart by their own addresses (pod-to-pod traffic between
// nodes is not masqueraded).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_PROTO } from '../agent/src/network';
import { inNs } from '../agent/src/proxy/netns.testing';
import { eventually } from './eventually';
import { startTestStack, type TestStack } from './harness';
import { fetchCmd, NetnsCluster, testPod } from './support/netns-nodes';

let stack: TestStack;
let cluster: NetnsCluster;
let nodeA = '';
let nodeB = '';
let webIP = '';

beforeAll(async () => {
  stack = await startTestStack();
  cluster = new NetnsCluster(stack);
  [{ name: nodeA }, { name: nodeB }] = await cluster.start(2, 'two');
  const pods = [testPod('default', 'web', nodeB, { app: 'web' }, 'web'), testPod('default', 'client', nodeA, { role: 'client' }, 'client'), testPod('default', 'stranger', nodeA, { role: 'stranger' }, 'client')];
  for (const p of pods) expect((await stack.client.post('/api/v1/namespaces/default/pods', p)).status).toBe(201);
  const svc = await stack.client.post('/api/v1/namespaces/default/services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  });
  expect(svc.status).toBe(201);
  for (const p of pods) {
    const ready = await eventually(
      async () => {
        const got = (await stack.client.get(`/api/v1/namespaces/default/pods/${p.metadata.name}`)).json;
        return got?.status?.conditions?.find((c: { type: string }) => c.type === 'Ready')?.status === 'True' ? got : undefined;
      },
      90_000,
      `pod ${p.metadata.name} Ready`,
    ).catch(async (e: Error) => {
      throw new Error(`${e.message}\n${await cluster.diagnose()}`);
    });
    if (p.metadata.name === 'web') webIP = ready.status.podIP;
  }
}, 400_000);

afterAll(async () => {
  await cluster?.destroy();
  await stack?.close();
}, 120_000);

const SVC_URL = 'http://web.default.svc.cluster.local/';
const get = async (from: string, url: string) => {
  const out = (await cluster.exec('default', from, fetchCmd(url))).out;
  return out.includes('FAIL') ? 'FAIL' : out.trim();
};

async function expectReach(cases: [from: string, url: string, want: string][], what: string): Promise<void> {
  let last = '';
  await eventually(
    async () => {
      const got = await Promise.all(cases.map(([from, url]) => get(from, url)));
      last = cases.map(([from, url], i) => `${from}→${url}: ${got[i]}`).join(', ');
      return got.every((g, i) => g === cases[i][2]) ? true : undefined;
    },
    45_000,
    what,
  ).catch(async (e: Error) => {
    throw new Error(`${e.message} (last: ${last})\n${await cluster.diagnose()}`);
  });
}

describe('two nodes', () => {
  it('gives each node its own podCIDR and routes to the other’s', async () => {
    const a = (await stack.client.get(`/api/v1/nodes/${nodeA}`)).json.spec.podCIDR as string;
    const b = (await stack.client.get(`/api/v1/nodes/${nodeB}`)).json.spec.podCIDR as string;
    expect(a).not.toBe(b);
    const prefix = (cidr: string) => cidr.split('.').slice(0, 3).join('.');
    expect(webIP.startsWith(`${prefix(b)}.`)).toBe(true);
    const [na, nb] = cluster.nodes;
    expect(await inNs(na.ns, 'ip', 'route', 'show', 'proto', ROUTE_PROTO)).toContain(`${b} via ${nb.ip}`);
    expect(await inNs(nb.ns, 'ip', 'route', 'show', 'proto', ROUTE_PROTO)).toContain(`${a} via ${na.ip}`);
  });

  it('reaches a Service by DNS name from node A when its only endpoint is on node B', async () => {
    await expectReach(
      [
        ['client', SVC_URL, 'web'],
        ['client', `http://${webIP}:8080/`, 'web'],
        ['stranger', 'http://web/', 'web'],
      ],
      'cross-node Service by name',
    );
  });

  it('blocks it with a default-deny policy, then lets node A’s right pod through an allow rule', async () => {
    const NP = '/apis/networking.k8s.io/v1/namespaces/default/networkpolicies';
    const deny = await stack.client.post(NP, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } });
    expect(deny.status).toBe(201);
    await expectReach(
      [
        ['client', SVC_URL, 'FAIL'],
        ['stranger', SVC_URL, 'FAIL'],
      ],
      'default deny across nodes',
    );
    const allow = await stack.client.post(NP, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'web-from-client' },
      spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }], ports: [{ port: 'http' }] }] },
    });
    expect(allow.status).toBe(201);
    await expectReach(
      [
        ['client', SVC_URL, 'web'],
        ['stranger', SVC_URL, 'FAIL'],
      ],
      'allow from role=client on the other node',
    );
  });
});
