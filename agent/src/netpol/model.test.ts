// Golden tables: policies (with the pods and namespaces they see) → the sets and chains programmed on
// node-a. Pods: web-1 (10.244.0.10) and db (10.244.0.11) on node-a; web-2 (10.244.1.10) on node-b;
// client (10.244.0.20, ns "frontend") on node-a; job (10.244.1.20, ns "batch") on node-b.
import { describe, expect, it } from 'vitest';
import { namespace, pod, policy, view } from './fixtures.testing';
import { buildModel } from './model';
import type { NetworkPolicy } from './types';

const pods = [
  pod('default', 'web-1', '10.244.0.10', { app: 'web' }, { ports: [{ name: 'http', port: 8080 }] }),
  pod('default', 'db', '10.244.0.11', { app: 'db' }, { ports: [{ name: 'sql', port: 5432 }] }),
  pod('default', 'web-2', '10.244.1.10', { app: 'web' }, { node: 'node-b', ports: [{ name: 'http', port: 9090 }] }),
  pod('frontend', 'client', '10.244.0.20', { role: 'client' }),
  pod('batch', 'job', '10.244.1.20', { role: 'client' }, { node: 'node-b' }),
];
const namespaces = [namespace('default'), namespace('frontend', { team: 'shop' }), namespace('batch', { team: 'data' })];

const model = (policies: NetworkPolicy[], more = pods) => buildModel({ nodeName: 'node-a', pods: more, namespaces, policies });
const always = ['set local-pods = 10.244.0.10, 10.244.0.11, 10.244.0.20', 'set cluster-pods = 10.244.0.10, 10.244.0.11, 10.244.0.20, 10.244.1.10, 10.244.1.20'];

describe('NetworkPolicy rules (golden)', () => {
  it.each<[string, NetworkPolicy[], string[]]>([
    ['no policy: nothing is isolated', [], [...always, 'chain ingress-policies: drop', 'chain egress-policies: drop']],
    [
      'default-deny ingress for the namespace: every local pod of it isolated, nothing allowed',
      [policy('default', 'deny', { podSelector: {}, policyTypes: ['Ingress'] })],
      ['set ingress-isolated = 10.244.0.10, 10.244.0.11', ...always, 'set ingress-targets-default/deny = 10.244.0.10, 10.244.0.11', 'chain ingress-default/deny: ', 'chain ingress-policies: ip daddr @ingress-targets-default/deny jump ingress-default/deny | drop', 'chain egress-policies: drop'],
    ],
    [
      'allow all ingress: one empty rule accepts everything',
      [policy('default', 'all', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{}] })],
      ['set ingress-isolated = 10.244.0.10', ...always, 'set ingress-targets-default/all = 10.244.0.10', 'chain ingress-default/all: accept', 'chain ingress-policies: ip daddr @ingress-targets-default/all jump ingress-default/all | drop', 'chain egress-policies: drop'],
    ],
    [
      'podSelector peer: pods of the policy’s own namespace only, on any node, on one port',
      [policy('default', 'from-web', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432 }] }] })],
      [
        'set ingress-isolated = 10.244.0.11',
        ...always,
        'set ingress-targets-default/from-web = 10.244.0.11',
        'set ingress-peers-default/from-web/0 = 10.244.0.10, 10.244.1.10',
        'chain ingress-default/from-web: ip saddr @ingress-peers-default/from-web/0 meta l4proto tcp th dport 5432 accept',
        'chain ingress-policies: ip daddr @ingress-targets-default/from-web jump ingress-default/from-web | drop',
        'chain egress-policies: drop',
      ],
    ],
    [
      'namespaceSelector alone: every pod of the matching namespaces',
      [policy('default', 'from-shop', { ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'shop' } } }] }] })],
      [
        'set ingress-isolated = 10.244.0.10, 10.244.0.11',
        ...always,
        'set ingress-targets-default/from-shop = 10.244.0.10, 10.244.0.11',
        'set ingress-peers-default/from-shop/0 = 10.244.0.20',
        'chain ingress-default/from-shop: ip saddr @ingress-peers-default/from-shop/0 accept',
        'chain ingress-policies: ip daddr @ingress-targets-default/from-shop jump ingress-default/from-shop | drop',
        'chain egress-policies: drop',
      ],
    ],
    [
      'namespaceSelector and podSelector in one peer are AND; in two peers OR',
      [
        policy('default', 'and', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'data' } }, podSelector: { matchLabels: { role: 'client' } } }] }] }),
        policy('default', 'or', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'data' } } }, { podSelector: { matchLabels: { app: 'web' } } }] }] }),
      ],
      [
        'set ingress-isolated = 10.244.0.10, 10.244.0.11',
        ...always,
        'set ingress-targets-default/and = 10.244.0.10',
        'set ingress-peers-default/and/0 = 10.244.1.20',
        'set ingress-targets-default/or = 10.244.0.11',
        'set ingress-peers-default/or/0 = 10.244.0.10, 10.244.1.10, 10.244.1.20',
        'chain ingress-default/and: ip saddr @ingress-peers-default/and/0 accept',
        'chain ingress-default/or: ip saddr @ingress-peers-default/or/0 accept',
        'chain ingress-policies: ip daddr @ingress-targets-default/and jump ingress-default/and | ip daddr @ingress-targets-default/or jump ingress-default/or | drop',
        'chain egress-policies: drop',
      ],
    ],
    [
      'the kubernetes.io/metadata.name label selects a namespace by name',
      [policy('default', 'by-name', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'batch' } } }] }] })],
      [
        'set ingress-isolated = 10.244.0.11',
        ...always,
        'set ingress-targets-default/by-name = 10.244.0.11',
        'set ingress-peers-default/by-name/0 = 10.244.1.20',
        'chain ingress-default/by-name: ip saddr @ingress-peers-default/by-name/0 accept',
        'chain ingress-policies: ip daddr @ingress-targets-default/by-name jump ingress-default/by-name | drop',
        'chain egress-policies: drop',
      ],
    ],
    [
      'egress ipBlock with except, a port range (endPort) and UDP: each peer set crossed with each port',
      [
        policy('frontend', 'out', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.244.0.0/16'] } }, { podSelector: {} }], ports: [{ port: 8000, endPort: 8100 }, { protocol: 'UDP', port: 53 }] }],
        }),
      ],
      [
        'set egress-isolated = 10.244.0.20',
        ...always,
        'set egress-targets-frontend/out = 10.244.0.20',
        'set egress-peers-frontend/out/0 = 10.244.0.20',
        'set egress-cidrs-frontend/out/0 = 10.0.0.0/9, 10.128.0.0/10, 10.192.0.0/11, 10.224.0.0/12, 10.240.0.0/14, 10.245.0.0/16, 10.246.0.0/15, 10.248.0.0/13',
        'chain egress-frontend/out: ip daddr @egress-peers-frontend/out/0 meta l4proto tcp th dport 8000-8100 accept | ip daddr @egress-peers-frontend/out/0 meta l4proto udp th dport 53 accept | ip daddr @egress-cidrs-frontend/out/0 meta l4proto tcp th dport 8000-8100 accept | ip daddr @egress-cidrs-frontend/out/0 meta l4proto udp th dport 53 accept',
        'chain ingress-policies: drop',
        'chain egress-policies: ip saddr @egress-targets-frontend/out jump egress-frontend/out | drop',
      ],
    ],
    [
      'a named port resolves per pod: ingress to the local targets, egress to every pod declaring it',
      [
        policy('default', 'http-in', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ port: 'http' }] }] }),
        policy('frontend', 'http-out', { policyTypes: ['Egress'], egress: [{ ports: [{ port: 'http' }, { protocol: 'UDP' }] }] }),
      ],
      [
        'set ingress-isolated = 10.244.0.10',
        'set egress-isolated = 10.244.0.20',
        ...always,
        'set ingress-targets-default/http-in = 10.244.0.10',
        'set ingress-ports-default/http-in/0/0 = 10.244.0.10 . tcp . 8080',
        'set egress-targets-frontend/http-out = 10.244.0.20',
        'set egress-ports-frontend/http-out/0/0 = 10.244.0.10 . tcp . 8080, 10.244.1.10 . tcp . 9090',
        'chain ingress-default/http-in: ip daddr . meta l4proto . th dport @ingress-ports-default/http-in/0/0 accept',
        'chain egress-frontend/http-out: ip daddr . meta l4proto . th dport @egress-ports-frontend/http-out/0/0 accept | meta l4proto udp accept',
        'chain ingress-policies: ip daddr @ingress-targets-default/http-in jump ingress-default/http-in | drop',
        'chain egress-policies: ip saddr @egress-targets-frontend/http-out jump egress-frontend/http-out | drop',
      ],
    ],
    [
      'a policy selecting only another node’s pods isolates nothing here but keeps its chain',
      [policy('batch', 'deny', { policyTypes: ['Ingress', 'Egress'] })],
      [...always, 'chain ingress-batch/deny: ', 'chain egress-batch/deny: ', 'chain ingress-policies: ip daddr @ingress-targets-batch/deny jump ingress-batch/deny | drop', 'chain egress-policies: ip saddr @egress-targets-batch/deny jump egress-batch/deny | drop'],
    ],
  ])('%s', (_name, policies, want) => {
    expect(view(model(policies))).toEqual(want);
  });

  it('leaves out pods without an address, on the host network, or finished', () => {
    const more = [
      ...pods,
      { ...pod('default', 'pending', '', { app: 'web' }), status: { phase: 'Pending' } },
      { ...pod('default', 'host', '192.168.1.5', { app: 'web' }), spec: { nodeName: 'node-a', hostNetwork: true } },
      pod('default', 'done', '10.244.0.99', { app: 'web' }, { phase: 'Succeeded' }),
    ];
    const m = model([policy('default', 'deny', {})], more);
    expect([...m.sets.get('ingress-isolated')!.elements].sort()).toEqual(['10.244.0.10', '10.244.0.11']);
    expect(m.sets.get('cluster-pods')!.elements.has('10.244.0.99')).toBe(false);
  });

  it('shortens an over-long name with a stable hash', () => {
    const long = 'p'.repeat(240);
    const m = model([policy('default', long, {})]);
    const names = [...m.chains.keys()].filter((n) => n.startsWith('ingress-default/'));
    expect(names).toHaveLength(1);
    expect(names[0].length).toBe(200);
    expect(names[0]).toMatch(/-h[0-9a-f]{16}$/);
    expect(view(model([policy('default', long, {})]))).toEqual(view(m));
  });

  it('is the same whatever order the objects arrive in', () => {
    const ps = [policy('default', 'a', {}), policy('frontend', 'b', { policyTypes: ['Egress'] })];
    const a = buildModel({ nodeName: 'node-a', pods, namespaces, policies: ps });
    const b = buildModel({ nodeName: 'node-a', pods: [...pods].reverse(), namespaces: [...namespaces].reverse(), policies: [...ps].reverse() });
    expect(view(b)).toEqual(view(a));
  });
});
