// NetworkPolicy end to end (issue 7 item 6): the real stack, a real agent with `network.enabled` in a
// network namespace of this test, real pods (podman) on its pod network, and the agent's nftables
// policy table. Connections are real TCP (busybox wget → httpd) between pods.
//
// Pods: default/web (app=web, httpd on 8080 "http"), default/good (role=frontend), default/bad
// (role=other); other/outsider and other/peer (httpd) in namespace "other" (team=ops).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inNs } from '../agent/src/proxy/netns.testing';
import { eventually } from './eventually';
import { startTestStack, type TestStack } from './harness';
import { fetchCmd, NetnsCluster, testPod } from './support/netns-nodes';

let stack: TestStack;
let cluster: NetnsCluster;
let node = '';
const ip: Record<string, string> = {};
const NP = '/apis/networking.k8s.io/v1/namespaces';

beforeAll(async () => {
  stack = await startTestStack();
  cluster = new NetnsCluster(stack);
  [{ name: node }] = await cluster.start(1, 'np');
  expect((await stack.client.post('/api/v1/namespaces', { metadata: { name: 'other', labels: { team: 'ops' } } })).status).toBe(201);
  const pods = [
    testPod('default', 'web', node, { app: 'web' }, 'web'),
    testPod('default', 'good', node, { role: 'frontend' }, 'client'),
    testPod('default', 'bad', node, { role: 'other' }, 'client'),
    testPod('other', 'outsider', node, { role: 'frontend' }, 'client'),
    testPod('other', 'peer', node, { app: 'peer' }, 'web'),
  ];
  for (const p of pods) expect((await stack.client.post(`/api/v1/namespaces/${p.metadata.namespace}/pods`, p)).status).toBe(201);
  for (const p of pods) {
    const ready = await eventually(
      async () => {
        const got = (await stack.client.get(`/api/v1/namespaces/${p.metadata.namespace}/pods/${p.metadata.name}`)).json;
        return got?.status?.conditions?.find((c: { type: string }) => c.type === 'Ready')?.status === 'True' ? got : undefined;
      },
      90_000,
      `pod ${p.metadata.name} Ready`,
    ).catch(async (e: Error) => {
      throw new Error(`${e.message}\n${await cluster.diagnose()}`);
    });
    ip[p.metadata.name] = ready.status.podIP;
  }
}, 300_000);

afterAll(async () => {
  await cluster?.destroy();
  await stack?.close();
}, 120_000);

/** What `from` gets from http://<to>:8080/: the server's hostname, or FAIL. */
const get = async (ns: string, from: string, to: string) => {
  const out = (await cluster.exec(ns, from, fetchCmd(`http://${ip[to]}:8080/`))).out;
  // busybox's shell also reports the timed-out wget ("Terminated").
  return out.includes('FAIL') ? 'FAIL' : out.trim();
};

/** Waits until every [ns, from, to, expected] holds at once (rules apply within moments of a change). */
async function expectReach(cases: [ns: string, from: string, to: string, want: string][], what: string): Promise<void> {
  let last = '';
  await eventually(
    async () => {
      const got = await Promise.all(cases.map(([ns, from, to]) => get(ns, from, to)));
      last = cases.map(([, from, to], i) => `${from}→${to}: ${got[i]}`).join(', ');
      return got.every((g, i) => g === cases[i][3]) ? true : undefined;
    },
    30_000,
    what,
  ).catch(async (e: Error) => {
    throw new Error(`${e.message} (last: ${last})\n${await cluster.diagnose()}`);
  });
}

const create = async (ns: string, name: string, spec: unknown) => {
  const r = await stack.client.post(`${NP}/${ns}/networkpolicies`, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
};

describe('NetworkPolicy on a real node', () => {
  it('lets every pod reach every pod while no policy selects them', async () => {
    await expectReach(
      [
        ['default', 'good', 'web', 'web'],
        ['default', 'bad', 'web', 'web'],
        ['other', 'outsider', 'web', 'web'],
        ['other', 'outsider', 'peer', 'peer'],
      ],
      'open network',
    );
  });

  it('blocks a connection that worked once a default-deny ingress policy selects the server', async () => {
    await create('default', 'default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
    await expectReach(
      [
        ['default', 'good', 'web', 'FAIL'],
        ['default', 'bad', 'web', 'FAIL'],
        ['other', 'outsider', 'web', 'FAIL'],
        // Another namespace's pods are not selected, so they stay open.
        ['default', 'good', 'peer', 'peer'],
      ],
      'default deny',
    );
    // The node itself still reaches the pod (kubelet probes), as most CNIs allow.
    const out = await inNs(cluster.nodes[0].ns, 'busybox', 'timeout', '3', 'busybox', 'wget', '-q', '-O', '-', `http://${ip.web}:8080/`);
    expect(out.trim()).toBe('web');
  });

  it('lets the right pod through an allow rule (podSelector + named port) and not the wrong one', async () => {
    await create('default', 'web-from-frontend', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'frontend' } } }], ports: [{ port: 'http' }] }] });
    await expectReach(
      [
        ['default', 'good', 'web', 'web'],
        ['default', 'bad', 'web', 'FAIL'],
        // role=frontend, but in another namespace: a podSelector alone means the policy's namespace.
        ['other', 'outsider', 'web', 'FAIL'],
      ],
      'allow from role=frontend',
    );
  });

  it('admits another namespace by namespaceSelector AND podSelector in one peer', async () => {
    await create('default', 'web-from-ops', {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } }, podSelector: { matchLabels: { role: 'frontend' } } }], ports: [{ port: 8000, endPort: 8090 }] }],
    });
    await expectReach(
      [
        ['other', 'outsider', 'web', 'web'],
        ['default', 'bad', 'web', 'FAIL'],
      ],
      'allow from team=ops frontends',
    );
  });

  it('limits egress to an ipBlock with an except hole', async () => {
    const podCIDR = (await stack.client.get(`/api/v1/nodes/${node}`)).json.spec.podCIDR as string;
    await create('other', 'outsider-egress', { podSelector: { matchLabels: { role: 'frontend' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: podCIDR, except: [`${ip.peer}/32`] } }] }] });
    await expectReach(
      [
        ['other', 'outsider', 'web', 'web'],
        ['other', 'outsider', 'peer', 'FAIL'],
      ],
      'egress except the peer',
    );
  });

  it('opens again when the policies are deleted', async () => {
    for (const [ns, name] of [
      ['default', 'default-deny'],
      ['default', 'web-from-frontend'],
      ['default', 'web-from-ops'],
      ['other', 'outsider-egress'],
    ]) expect((await stack.client.delete(`${NP}/${ns}/networkpolicies/${name}`)).status).toBe(200);
    await expectReach(
      [
        ['default', 'bad', 'web', 'web'],
        ['other', 'outsider', 'peer', 'peer'],
      ],
      'open again',
    );
  });
});
