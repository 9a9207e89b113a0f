import { describe, expect, it } from 'vitest';
import { desiredRoutes, ROUTE_PROTO, routeCommands, syncRoutes, type NodeLike } from './routes';

const node = (name: string, podCIDR?: string, ip?: string): NodeLike => ({
  metadata: { name },
  spec: podCIDR ? { podCIDR } : {},
  status: { addresses: ip ? [{ type: 'Hostname', address: name }, { type: 'InternalIP', address: ip }] : [] },
});

describe('routes to other nodes’ pod ranges', () => {
  it('routes every other node’s range via its InternalIP, skipping itself and nodes without either', () => {
    const nodes = [node('b', '10.244.2.0/24', '192.168.1.12'), node('a', '10.244.1.0/24', '192.168.1.11'), node('c', undefined, '192.168.1.13'), node('d', '10.244.4.0/24')];
    expect([...desiredRoutes(nodes, 'a')]).toEqual([['10.244.2.0/24', '192.168.1.12']]);
    expect([...desiredRoutes(nodes, 'x')]).toEqual([
      ['10.244.1.0/24', '192.168.1.11'],
      ['10.244.2.0/24', '192.168.1.12'],
    ]);
  });

  it('replaces changed routes and deletes stale ones, only with its own protocol', () => {
    const current = new Map([
      ['10.244.1.0/24', '192.168.1.11'],
      ['10.244.2.0/24', '192.168.1.99'],
      ['10.244.3.0/24', '192.168.1.13'],
    ]);
    const desired = new Map([
      ['10.244.1.0/24', '192.168.1.11'],
      ['10.244.2.0/24', '192.168.1.12'],
    ]);
    expect(routeCommands(current, desired)).toEqual([
      ['ip', 'route', 'replace', '10.244.2.0/24', 'via', '192.168.1.12', 'proto', ROUTE_PROTO],
      ['ip', 'route', 'del', '10.244.3.0/24', 'proto', ROUTE_PROTO],
    ]);
    expect(routeCommands(desired, desired)).toEqual([]);
  });

  it('reads the kernel’s routes of its protocol and applies the difference', async () => {
    const calls: string[][] = [];
    const run = async (argv: string[]) => {
      calls.push(argv);
      return argv.includes('-j') ? JSON.stringify([{ dst: '10.244.9.0/24', gateway: '192.168.1.19', protocol: ROUTE_PROTO }]) : '';
    };
    await syncRoutes([node('b', '10.244.2.0/24', '192.168.1.12')], 'a', run);
    expect(calls).toEqual([
      ['ip', '-j', 'route', 'show', 'proto', ROUTE_PROTO],
      ['ip', 'route', 'replace', '10.244.2.0/24', 'via', '192.168.1.12', 'proto', ROUTE_PROTO],
      ['ip', 'route', 'del', '10.244.9.0/24', 'proto', ROUTE_PROTO],
    ]);
  });
});
