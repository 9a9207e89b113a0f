// The node network's host-side pieces against a real kernel, inside a network namespace this test
// creates and deletes: the DNS address interface, routes to other nodes' pod ranges, and cleanup
// (table, routes, interface) leaving everything else alone.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupNodeNetwork, ensureLocalAddress, ROUTE_PROTO, syncRoutes } from '../agent/src/network';
import { run, type Run } from '../agent/src/network/exec';
import { applyRules } from '../agent/src/proxy';
import { inNs, sh } from '../agent/src/proxy/netns.testing';

const NS = `kf-test-node-${randomBytes(3).toString('hex')}`;
const inside: Run = (argv) => run(['ip', 'netns', 'exec', NS, ...argv]);

beforeAll(async () => {
  await sh('ip', 'netns', 'add', NS);
  await inNs(NS, 'ip', 'link', 'set', 'lo', 'up');
  await inNs(NS, 'ip', 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth0p');
  await inNs(NS, 'ip', 'addr', 'add', '192.168.77.10/24', 'dev', 'eth0');
  await inNs(NS, 'ip', 'link', 'set', 'eth0p', 'up');
  await inNs(NS, 'ip', 'link', 'set', 'eth0', 'up');
  // A route the agent does not own: cleanup must leave it.
  await inNs(NS, 'ip', 'route', 'add', '10.99.0.0/16', 'via', '192.168.77.1');
});
afterAll(async () => {
  await sh('ip', 'netns', 'del', NS).catch(() => undefined);
});

const node = (name: string, podCIDR: string, ip: string) => ({ metadata: { name }, spec: { podCIDR }, status: { addresses: [{ type: 'InternalIP', address: ip }] } });

describe('node network on a real kernel', () => {
  it('puts the DNS address on an interface of its own, idempotently, and it is local', async () => {
    await ensureLocalAddress({ iface: 'kubeflare0', address: '169.254.20.10' }, inside);
    await ensureLocalAddress({ iface: 'kubeflare0', address: '169.254.20.10' }, inside);
    expect(await inNs(NS, 'ip', '-br', 'addr', 'show', 'kubeflare0')).toContain('169.254.20.10/32');
    expect(await inNs(NS, 'ip', 'route', 'get', '169.254.20.10')).toMatch(/^local 169\.254\.20\.10 dev lo/);
  });

  it('keeps routes to other nodes in step with the Node list', async () => {
    await syncRoutes([node('a', '10.244.1.0/24', '192.168.77.11'), node('b', '10.244.2.0/24', '192.168.77.12'), node('self', '10.244.3.0/24', '192.168.77.10')], 'self', inside);
    const shown = await inNs(NS, 'ip', 'route', 'show', 'proto', ROUTE_PROTO);
    expect(shown).toContain('10.244.1.0/24 via 192.168.77.11');
    expect(shown).toContain('10.244.2.0/24 via 192.168.77.12');
    expect(shown).not.toContain('10.244.3.0/24');
    await syncRoutes([node('a', '10.244.1.0/24', '192.168.77.21')], 'self', inside);
    const after = await inNs(NS, 'ip', 'route', 'show', 'proto', ROUTE_PROTO);
    expect(after.trim().split('\n')).toEqual([expect.stringContaining('10.244.1.0/24 via 192.168.77.21')]);
  });

  it('cleanup removes its table, routes and interface, and nothing else', async () => {
    await applyRules('table ip kubeflare {\n  chain x {\n  }\n}\n', { netns: NS });
    await applyRules('table ip other {\n  chain y {\n  }\n}\n', { netns: NS });
    expect(await cleanupNodeNetwork({ netns: NS })).toEqual([]);
    const tables = await inNs(NS, 'nft', 'list', 'tables');
    expect(tables).not.toContain('table ip kubeflare');
    expect(tables).toContain('table ip other');
    expect(await inNs(NS, 'ip', 'route', 'show', 'proto', ROUTE_PROTO)).toBe('');
    expect(await inNs(NS, 'ip', 'route')).toContain('10.99.0.0/16 via 192.168.77.1');
    await expect(inNs(NS, 'ip', 'link', 'show', 'kubeflare0')).rejects.toThrow();
    // A second cleanup finds nothing to remove and does not fail.
    expect(await cleanupNodeNetwork({ netns: NS })).toEqual([]);
  });
});
