import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZES, generateNodes, pickedEvenly, sizeAt, zoneNames } from './nodes';
import { PodIPPool, nodeIP, podCIDR } from './addresses';

describe('generateNodes', () => {
  it('spreads nodes over zones and sizes, and taints the requested fraction evenly', () => {
    const nodes = generateNodes({ count: 100, zones: 3, taintedFraction: 0.1, labels: { team: 'x' } });
    expect(nodes[0].name).toBe('sim-node-0000');
    expect(nodes[99].name).toBe('sim-node-0099');
    expect(new Set(nodes.map((n) => n.name)).size).toBe(100);
    const perZone = (z: string) => nodes.filter((n) => n.zone === z).length;
    expect([perZone('zone-a'), perZone('zone-b'), perZone('zone-c')]).toEqual([34, 33, 33]);
    const tainted = nodes.map((n, i) => (n.taints ? i : -1)).filter((i) => i >= 0);
    expect(tainted).toEqual([9, 19, 29, 39, 49, 59, 69, 79, 89, 99]);
    expect(nodes.filter((n) => n.instanceType === 'sim.medium')).toHaveLength(50);
    expect(nodes[5].labels).toEqual({ team: 'x' });
  });

  it('is deterministic and takes custom sizes and zone names', () => {
    const opts = { count: 5, zones: ['east', 'west'], sizes: [{ instanceType: 'big', cpu: '64', memory: '256Gi', pods: 500 }] };
    expect(generateNodes(opts)).toEqual(generateNodes(opts));
    expect(generateNodes(opts).map((n) => `${n.zone}/${n.instanceType}/${n.cpu}`)).toEqual(['east/big/64', 'west/big/64', 'east/big/64', 'west/big/64', 'east/big/64']);
  });

  it.each([
    [0, 0],
    [0.25, 25],
    [1, 100],
    [1 / 3, 33],
  ])('picks round(count × %d) indexes', (f, n) => {
    expect(Array.from({ length: 100 }, (_, i) => pickedEvenly(i, f)).filter(Boolean)).toHaveLength(n);
  });

  it('names zones and follows size weights', () => {
    expect(zoneNames(2)).toEqual(['zone-a', 'zone-b']);
    expect([0, 1, 2, 3, 4].map((i) => sizeAt(i, DEFAULT_SIZES).instanceType)).toEqual(['sim.small', 'sim.medium', 'sim.medium', 'sim.large', 'sim.small']);
  });
});

describe('fake addresses', () => {
  it('gives every node a distinct InternalIP and pod range', () => {
    const ips = new Set(Array.from({ length: 5000 }, (_, i) => nodeIP(i)));
    const cidrs = new Set(Array.from({ length: 5000 }, (_, i) => podCIDR(i)));
    expect(ips.size).toBe(5000);
    expect(cidrs.size).toBe(5000);
    expect(nodeIP(0)).toBe('10.240.0.1');
    expect(podCIDR(257)).toBe('10.65.1.0/24');
  });

  it('hands out each pod address once, skipping reserved ones, and reuses released ones', () => {
    const pool = new PodIPPool('10.64.3.0/24');
    pool.reserve('10.64.3.1');
    pool.reserve('10.99.0.2'); // not ours: ignored
    expect(pool.allocate()).toBe('10.64.3.2');
    const all = Array.from({ length: 252 }, () => pool.allocate());
    expect(new Set(all).size).toBe(252);
    expect(pool.allocate()).toBeUndefined();
    pool.release('10.64.3.77');
    expect(pool.allocate()).toBe('10.64.3.77');
  });
});
