import { describe, expect, it } from 'vitest';
import { ingressLoadBalancer, INGRESS_NODE_LABEL, type NodeLike } from './status-plan';

function node(name: string, addresses: [string, string][], opts: { ready?: string; proxy?: boolean } = {}): NodeLike {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: opts.proxy === false ? {} : { [INGRESS_NODE_LABEL]: 'true' } },
    status: { addresses: addresses.map(([type, address]) => ({ type, address })), conditions: [{ type: 'Ready', status: opts.ready ?? 'True' }] },
  };
}

describe('ingressLoadBalancer', () => {
  it.each([
    ['one address per Ready proxy node, sorted numerically', [node('b', [['InternalIP', '10.0.0.10']]), node('a', [['InternalIP', '10.0.0.9']])], ['10.0.0.9', '10.0.0.10']],
    ['ExternalIP preferred over InternalIP', [node('a', [['InternalIP', '10.0.0.1'], ['ExternalIP', '203.0.113.5']])], ['203.0.113.5']],
    ['nodes that are not Ready are left out', [node('a', [['InternalIP', '10.0.0.1']], { ready: 'Unknown' }), node('b', [['InternalIP', '10.0.0.2']])], ['10.0.0.2']],
    ['nodes without the ingress proxy are left out', [node('a', [['InternalIP', '10.0.0.1']], { proxy: false })], []],
    ['IPv6 and hostnames are left out, duplicates merged', [node('a', [['InternalIP', 'fd00::1'], ['Hostname', 'a'], ['InternalIP', '10.0.0.1']]), node('b', [['InternalIP', '10.0.0.1']])], ['10.0.0.1']],
  ])('%s', (_n, nodes, ips) => {
    const lb = ingressLoadBalancer(nodes);
    expect(lb.ingress?.map((i) => i.ip) ?? []).toEqual(ips);
    if (!ips.length) expect(lb).toEqual({});
  });
});
