import { describe, expect, it } from 'vitest';
import { renderDelta } from './delta';
import { buildModel } from './model';
import { ep, slice, svc } from './fixtures.testing';
import type { Endpoint, Service } from './types';

const web = svc('web', { clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80 }] });
const model = (endpoints: Endpoint[], services: Service[] = [web], nodeIPs = ['192.168.1.10']) =>
  buildModel({ nodeName: 'node-a', nodeIPs, services, endpointSlices: [slice('web', [{ name: 'http', port: 8080 }], endpoints)] });

describe('renderDelta', () => {
  it('is empty when nothing changed', () => {
    expect(renderDelta(model([ep('10.244.0.2')]), model([ep('10.244.0.2')]))).toBe('');
  });

  it('swaps one endpoint: the Service chain refilled and the hairpin pairs swapped, no chain made or deleted', () => {
    expect(renderDelta(model([ep('10.244.0.2'), ep('10.244.0.3')]), model([ep('10.244.0.3'), ep('10.244.0.4')]))).toBe(`flush chain ip kubeflare cluster-default/web/tcp/http
add rule ip kubeflare cluster-default/web/tcp/http numgen random mod 2 == 0 meta l4proto tcp dnat to 10.244.0.3:8080
add rule ip kubeflare cluster-default/web/tcp/http meta l4proto tcp dnat to 10.244.0.4:8080
delete element ip kubeflare hairpin { 10.244.0.2 . 10.244.0.2 }
add element ip kubeflare hairpin { 10.244.0.4 . 10.244.0.4 }
`);
  });

  it('keeps the hairpin pair of an address another Service still uses', () => {
    const api = svc('api', { clusterIP: '10.96.0.11', ports: [{ name: 'http', port: 80 }] });
    const both = (webEps: Endpoint[]) =>
      buildModel({ nodeName: 'node-a', nodeIPs: [], services: [web, api], endpointSlices: [slice('web', [{ name: 'http', port: 8080 }], webEps), slice('api', [{ name: 'http', port: 9090 }], [ep('10.244.0.2')])] });
    expect(renderDelta(both([ep('10.244.0.2')]), both([ep('10.244.0.3')]))).toBe(`flush chain ip kubeflare cluster-default/web/tcp/http
add rule ip kubeflare cluster-default/web/tcp/http meta l4proto tcp dnat to 10.244.0.3:8080
add element ip kubeflare hairpin { 10.244.0.3 . 10.244.0.3 }
`);
  });

  it('moves a Service to the reject map when its last endpoint goes, and back', () => {
    const up = model([ep('10.244.0.2')]);
    const down = model([]);
    expect(renderDelta(up, down)).toBe(`delete element ip kubeflare service-ips { 10.96.0.10 . tcp . 80 }
add element ip kubeflare no-endpoint-services { 10.96.0.10 . tcp . 80 : goto reject-chain }
delete element ip kubeflare hairpin { 10.244.0.2 . 10.244.0.2 }
flush chain ip kubeflare cluster-default/web/tcp/http
delete chain ip kubeflare cluster-default/web/tcp/http
`);
    expect(renderDelta(down, up)).toBe(`add chain ip kubeflare cluster-default/web/tcp/http
add rule ip kubeflare cluster-default/web/tcp/http meta l4proto tcp dnat to 10.244.0.2:8080
add element ip kubeflare service-ips { 10.96.0.10 . tcp . 80 : goto cluster-default/web/tcp/http }
delete element ip kubeflare no-endpoint-services { 10.96.0.10 . tcp . 80 }
add element ip kubeflare hairpin { 10.244.0.2 . 10.244.0.2 }
`);
  });

  it('adds and removes affinity sets with their endpoints', () => {
    const sticky = svc('web', { clusterIP: '10.96.0.10', sessionAffinity: 'ClientIP', ports: [{ name: 'http', port: 80 }] });
    const lines = renderDelta(model([ep('10.244.0.2')], [sticky]), model([ep('10.244.0.3')], [sticky]))!.split('\n');
    expect(lines).toContain('add set ip kubeflare affinity-default/web/tcp/http__10.244.0.3/8080 { type ipv4_addr; flags dynamic,timeout; timeout 10800s; }');
    expect(lines).toContain('delete set ip kubeflare affinity-default/web/tcp/http__10.244.0.2/8080');
    expect(lines).toContain('add chain ip kubeflare endpoint-default/web/tcp/http__10.244.0.3/8080');
    expect(lines).toContain('delete chain ip kubeflare endpoint-default/web/tcp/http__10.244.0.2/8080');
    // The set goes after the chain that used it is deleted.
    expect(lines.indexOf('delete set ip kubeflare affinity-default/web/tcp/http__10.244.0.2/8080')).toBeGreaterThan(lines.indexOf('delete chain ip kubeflare endpoint-default/web/tcp/http__10.244.0.2/8080'));
  });

  it('asks for a full replacement when node addresses or an affinity timeout change', () => {
    expect(renderDelta(model([ep('10.244.0.2')]), model([ep('10.244.0.2')], [web], ['192.168.1.11']))).toBeNull();
    const t = (s: number) => svc('web', { clusterIP: '10.96.0.10', sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: s } }, ports: [{ name: 'http', port: 80 }] });
    expect(renderDelta(model([ep('10.244.0.2')], [t(60)]), model([ep('10.244.0.2')], [t(120)]))).toBeNull();
  });
});
