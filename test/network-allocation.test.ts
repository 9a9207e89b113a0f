// Node pod ranges from the cluster CIDR (issue 7, item 1): distinct under concurrent creates, explicit
// ones refused when held, released on delete, kept across updates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStack, startTestStack } from './harness';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

const NODES = '/api/v1/nodes';
const node = (name: string, spec: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, spec });

describe('node podCIDR allocation', () => {
  it('gives concurrently created Nodes distinct /24s of 10.244.0.0/16', async () => {
    const c = stack.client;
    const made = await Promise.all(Array.from({ length: 16 }, (_, i) => c.post(NODES, node(`cidr-${i}`))));
    expect(made.map((r) => r.status)).toEqual(Array(16).fill(201));
    const cidrs = made.map((r) => r.json.spec.podCIDR as string);
    expect(new Set(cidrs).size).toBe(16);
    for (const [i, cidr] of cidrs.entries()) {
      expect(cidr).toMatch(/^10\.244\.\d{1,3}\.0\/24$/);
      expect(made[i].json.spec.podCIDRs).toEqual([cidr]);
    }
  });

  it('refuses a range another Node holds, frees it on delete, and keeps a range across updates', async () => {
    const c = stack.client;
    // Two ranges no Node holds yet (the earlier test's ranges are random).
    const used = new Set(((await c.get(NODES)).json.items as { spec?: { podCIDR?: string } }[]).map((n) => n.spec?.podCIDR));
    const [free, other] = Array.from({ length: 256 }, (_, i) => `10.244.${i}.0/24`).filter((r) => !used.has(r));
    expect((await c.post(NODES, node('fixed-a', { podCIDR: free }))).status).toBe(201);
    const taken = await c.post(NODES, node('fixed-b', { podCIDR: free }));
    expect(taken.status).toBe(422);
    expect(taken.json.message).toContain('provided CIDR is already allocated');
    const patched = await c.patch(`${NODES}/fixed-a`, { metadata: { labels: { x: 'y' } } });
    expect(patched.json.spec.podCIDR).toBe(free);
    const changed = await c.patch(`${NODES}/fixed-a`, { spec: { podCIDR: other } });
    expect(changed.status).toBe(422);
    expect((await c.delete(`${NODES}/fixed-a`)).status).toBe(200);
    expect((await c.post(NODES, node('fixed-b', { podCIDR: free }))).status).toBe(201);
  });
});

describe('node podCIDR allocation with a small cluster CIDR', () => {
  it('hands out every range, then registers further Nodes without one', async () => {
    const small = await startTestStack({ CLUSTER_CIDR: '10.250.0.0/23' }, { components: false });
    try {
      const made = [];
      for (let i = 0; i < 3; i++) made.push(await small.client.post(NODES, node(`small-${i}`)));
      expect(made.map((r) => r.status)).toEqual([201, 201, 201]);
      const cidrs = made.map((r) => r.json.spec.podCIDR);
      expect(cidrs.slice(0, 2).sort()).toEqual(['10.250.0.0/24', '10.250.1.0/24']);
      expect(cidrs[2]).toBeUndefined();
      expect((await small.client.delete(`${NODES}/small-0`)).status).toBe(200);
      const again = await small.client.post(NODES, node('small-3'));
      expect(again.json.spec.podCIDR).toBe(cidrs[0]);
    } finally {
      await small.close();
    }
  });
});
