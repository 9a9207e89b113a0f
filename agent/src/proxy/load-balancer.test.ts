import { describe, expect, it } from 'vitest';
import { loadBalancerStatus, type NodeLike } from './load-balancer';

const node = (name: string, addresses: [string, string][], ready = 'True'): NodeLike => ({
  metadata: { name },
  status: { addresses: addresses.map(([type, address]) => ({ type, address })), conditions: [{ type: 'Ready', status: ready }] },
});

describe('loadBalancerStatus', () => {
  it('lists each Ready node, preferring its external address, in address order', () => {
    const status = loadBalancerStatus([
      node('b', [['InternalIP', '10.0.0.10'], ['Hostname', 'b']]),
      node('a', [['InternalIP', '10.0.0.9'], ['ExternalIP', '203.0.113.5']]),
      node('c', [['InternalIP', '10.0.0.11']], 'False'),
      node('d', [['InternalIP', '10.0.0.9']]),
    ]);
    expect(status).toEqual({ ingress: ['10.0.0.9', '10.0.0.10', '203.0.113.5'].map((ip) => ({ ip, ipMode: 'VIP' })) });
  });

  it('is empty when no node can serve', () => {
    expect(loadBalancerStatus([node('c', [['InternalIP', '10.0.0.11']], 'False')])).toEqual({});
  });
});
