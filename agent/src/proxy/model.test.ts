// buildModel reuses the rules of Services whose objects did not change; these check that reuse never
// serves stale rules.
import { describe, expect, it } from 'vitest';
import { renderDelta } from './delta';
import { buildModel } from './model';
import { ep, slice, svc } from './fixtures.testing';

const node = { nodeName: 'node-a', nodeIPs: ['192.168.1.10'] };
const web = svc('web', { clusterIP: '10.96.0.10', ports: [{ port: 80 }] });
const api = svc('api', { clusterIP: '10.96.0.11', ports: [{ port: 80 }] });
const webSlice = slice('web', [{ port: 8080 }], [ep('10.244.0.2')]);
const apiSlice = slice('api', [{ port: 9090 }], [ep('10.244.0.3')]);

describe('buildModel with unchanged objects', () => {
  it('keeps the rules of a Service whose objects are the same, and renders a changed slice anew', () => {
    const before = buildModel({ ...node, services: [web, api], endpointSlices: [webSlice, apiSlice] });
    const moved = slice('web', [{ port: 8080 }], [ep('10.244.0.4')]);
    const after = buildModel({ ...node, services: [web, api], endpointSlices: [moved, apiSlice] });
    expect(after.chains.get('cluster-default/api/tcp/80')).toBe(before.chains.get('cluster-default/api/tcp/80'));
    expect(after.chains.get('cluster-default/web/tcp/80')).toEqual(['meta l4proto tcp dnat to 10.244.0.4:8080']);
    expect([...after.hairpin].sort()).toEqual(['10.244.0.3', '10.244.0.4']);
    expect(renderDelta(before, after)).toBe(`flush chain ip kubeflare cluster-default/web/tcp/80
add rule ip kubeflare cluster-default/web/tcp/80 meta l4proto tcp dnat to 10.244.0.4:8080
delete element ip kubeflare hairpin { 10.244.0.2 . 10.244.0.2 }
add element ip kubeflare hairpin { 10.244.0.4 . 10.244.0.4 }
`);
  });

  it('re-plans when a slice is added or removed for the same Service object', () => {
    const extra = slice('web', [{ port: 8080 }], [ep('10.244.0.5')], 'web-y');
    const two = buildModel({ ...node, services: [web], endpointSlices: [webSlice, extra] });
    expect(two.chains.get('cluster-default/web/tcp/80')).toEqual(['numgen random mod 2 == 0 meta l4proto tcp dnat to 10.244.0.2:8080', 'meta l4proto tcp dnat to 10.244.0.5:8080']);
    const one = buildModel({ ...node, services: [web], endpointSlices: [extra] });
    expect(one.chains.get('cluster-default/web/tcp/80')).toEqual(['meta l4proto tcp dnat to 10.244.0.5:8080']);
  });

  it('re-plans when the node changes: its addresses serve LoadBalancers, its name decides what is local', () => {
    const lb = svc('lb', { type: 'LoadBalancer', clusterIP: '10.96.0.12', externalTrafficPolicy: 'Local', ports: [{ port: 80, nodePort: 30080 }] });
    const lbSlice = slice('lb', [{ port: 8080 }], [ep('10.244.0.6', 'node-a')]);
    const a = buildModel({ ...node, services: [lb], endpointSlices: [lbSlice] });
    expect([...a.maps['service-ips'].keys()]).toContain('192.168.1.10 . tcp . 80');
    const moved = buildModel({ ...node, nodeIPs: ['192.168.1.20'], services: [lb], endpointSlices: [lbSlice] });
    expect([...moved.maps['service-ips'].keys()]).toContain('192.168.1.20 . tcp . 80');
    expect([...moved.maps['service-ips'].keys()]).not.toContain('192.168.1.10 . tcp . 80');
    // On another node the endpoint is remote: external traffic (Local policy) is dropped there.
    const other = buildModel({ nodeName: 'node-b', nodeIPs: ['192.168.1.10'], services: [lb], endpointSlices: [lbSlice] });
    expect(other.maps['no-endpoint-nodeports'].get('tcp . 30080')).toBe('drop');
  });

  it('still lets the first Service keep an address two claim when the loser is the one reused', () => {
    const a = svc('a', { clusterIP: '10.96.0.20', externalIPs: ['1.2.3.4'], ports: [{ port: 80 }] });
    const b = svc('b', { clusterIP: '10.96.0.21', externalIPs: ['1.2.3.4'], ports: [{ port: 80 }] });
    const bSlice = slice('b', [{ port: 80 }], [ep('10.244.0.3')]);
    const onlyB = buildModel({ ...node, services: [b], endpointSlices: [bSlice] });
    expect(onlyB.maps['service-ips'].get('1.2.3.4 . tcp . 80')).toBe('goto external-default/b/tcp/80');
    const both = buildModel({ ...node, services: [b, a], endpointSlices: [bSlice, slice('a', [{ port: 80 }], [ep('10.244.0.2')])] });
    expect(both.maps['service-ips'].get('1.2.3.4 . tcp . 80')).toBe('goto external-default/a/tcp/80');
  });
});
