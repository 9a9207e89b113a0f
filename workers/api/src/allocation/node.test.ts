import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../kube/registry/types';
import { assignNodeRange, clusterCidr, nodeAllocations, nodeRangeTaken } from './node';

const cluster = clusterCidr('10.244.0.0/16');
const node = (spec: Record<string, unknown> = {}): KObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec });

describe('node pod ranges', () => {
  it('picks a /24 of the cluster CIDR when the Node has none, and records it', () => {
    const n = node();
    expect(assignNodeRange(n, cluster).size).toBe(0);
    const cidr = (n.spec as { podCIDR: string }).podCIDR;
    expect(cidr).toMatch(/^10\.244\.\d{1,3}\.0\/24$/);
    expect(n.spec).toMatchObject({ podCIDRs: [cidr] });
    expect(nodeAllocations(n, cluster)).toEqual([{ kind: 'pod-cidr', value: cidr }]);
  });

  it('keeps the old range on update and refuses to change it', () => {
    const old = node({ podCIDR: '10.244.7.0/24', podCIDRs: ['10.244.7.0/24'] });
    const next = node({ unschedulable: true });
    assignNodeRange(next, cluster, old);
    expect(next.spec).toMatchObject({ podCIDR: '10.244.7.0/24', podCIDRs: ['10.244.7.0/24'] });
    expect(() => assignNodeRange(node({ podCIDR: '10.244.8.0/24' }), cluster, old)).toThrow(/may not change podCIDR/);
  });

  it('takes an explicit range as explicit, checks its form, and records it only inside the cluster CIDR', () => {
    const mine = node({ podCIDR: '10.244.9.0/24' });
    expect([...assignNodeRange(mine, cluster)]).toEqual(['pod-cidr/10.244.9.0/24']);
    expect(nodeRangeTaken(mine, new Set(['pod-cidr/10.244.9.0/24']))?.message).toContain('provided CIDR is already allocated');
    const sim = node({ podCIDR: '10.64.3.0/24' });
    assignNodeRange(sim, cluster);
    expect(nodeAllocations(sim, cluster)).toEqual([]);
    expect(() => assignNodeRange(node({ podCIDR: '10.244.9.1/24' }), cluster)).toThrow(/must be a valid CIDR/);
  });

  it('spreads picks over the whole range', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const n = node();
      assignNodeRange(n, cluster);
      seen.add((n.spec as { podCIDR: string }).podCIDR);
    }
    expect(seen.size).toBeGreaterThan(200);
    expect([...seen].every((c) => /^10\.244\.(\d+)\.0\/24$/.test(c) && Number(c.split('.')[2]) < 256)).toBe(true);
  });

  it('picks a free range once the taken ones are known, and none when the range is full', () => {
    const small = clusterCidr('10.250.0.0/23');
    const taken = new Set(['10.250.0.0/24']);
    const n = node();
    assignNodeRange(n, small, undefined, taken);
    expect(n.spec).toMatchObject({ podCIDR: '10.250.1.0/24' });
    const full = node();
    assignNodeRange(full, small, undefined, new Set(['10.250.0.0/24', '10.250.1.0/24']));
    expect(full.spec).toEqual({});
    expect(nodeAllocations(full, small)).toEqual([]);
  });
});
