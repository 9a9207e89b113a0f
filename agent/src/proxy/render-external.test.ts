// Golden tests for traffic from outside: NodePort, LoadBalancer, externalIPs, traffic policies and
// session affinity.
import { describe, expect, it } from 'vitest';
import { renderRules } from './render';
import { elementsOf, ep, section, slice, svc } from './fixtures.testing';

const node = { nodeName: 'node-a', nodeIPs: ['192.168.1.10', '10.0.0.5'] };
const eps = slice('web', [{ name: 'http', port: 8080 }], [ep('10.244.0.2', 'node-a'), ep('10.244.1.2', 'node-b')]);
const remoteOnly = slice('web', [{ name: 'http', port: 8080 }], [ep('10.244.1.2', 'node-b')]);
const port = { name: 'http', port: 80, targetPort: 'http', nodePort: 30080 };

describe('renderRules: NodePort', () => {
  it('serves the node port on every node address and masquerades it', () => {
    const out = renderRules({ ...node, services: [svc('web', { type: 'NodePort', clusterIP: '10.96.0.10', ports: [port] })], endpointSlices: [eps] });
    expect(elementsOf(out, 'set nodeport-ips')).toEqual(['10.0.0.5', '192.168.1.10']);
    expect(elementsOf(out, 'map service-nodeports')).toEqual(['tcp . 30080 : goto external-default/web/tcp/http']);
    expect(elementsOf(out, 'map service-ips')).toEqual(['10.96.0.10 . tcp . 80 : goto cluster-default/web/tcp/http']);
    expect(section(out, 'chain external-default/web/tcp/http')).toBe(`chain external-default/web/tcp/http {
  jump mark-for-masquerade
  goto cluster-default/web/tcp/http
}`);
  });
});

describe('renderRules: LoadBalancer', () => {
  it('answers on the status ingress IPs and, like servicelb, on the node addresses', () => {
    const lb = svc('web', { type: 'LoadBalancer', clusterIP: '10.96.0.10', ports: [port] }, { loadBalancer: { ingress: [{ ip: '192.168.1.11' }, { hostname: 'lb.example' }] } });
    const out = renderRules({ ...node, services: [lb], endpointSlices: [eps] });
    expect(elementsOf(out, 'map service-ips')).toEqual([
      '10.0.0.5 . tcp . 80 : goto external-default/web/tcp/http',
      '10.96.0.10 . tcp . 80 : goto cluster-default/web/tcp/http',
      '192.168.1.10 . tcp . 80 : goto external-default/web/tcp/http',
      '192.168.1.11 . tcp . 80 : goto external-default/web/tcp/http',
    ]);
    expect(elementsOf(out, 'map service-nodeports')).toEqual(['tcp . 30080 : goto external-default/web/tcp/http']);
  });

  it('has no node port when allocateLoadBalancerNodePorts left it out', () => {
    const lb = svc('web', { type: 'LoadBalancer', clusterIP: '10.96.0.10', allocateLoadBalancerNodePorts: false, ports: [{ name: 'http', port: 80 }] });
    expect(elementsOf(renderRules({ ...node, services: [lb], endpointSlices: [eps] }), 'map service-nodeports')).toEqual([]);
  });
});

describe('renderRules: externalIPs', () => {
  it('sends external IP traffic through the external chain', () => {
    const out = renderRules({ ...node, services: [svc('web', { clusterIP: '10.96.0.10', externalIPs: ['203.0.113.7', 'fd00::7'], ports: [{ name: 'http', port: 80 }] })], endpointSlices: [eps] });
    expect(elementsOf(out, 'map service-ips')).toEqual([
      '10.96.0.10 . tcp . 80 : goto cluster-default/web/tcp/http',
      '203.0.113.7 . tcp . 80 : goto external-default/web/tcp/http',
    ]);
  });
});

describe('renderRules: externalTrafficPolicy Local', () => {
  const local = svc('web', { type: 'NodePort', clusterIP: '10.96.0.10', externalTrafficPolicy: 'Local', externalIPs: ['203.0.113.7'], ports: [port] });

  it('keeps the client address and uses only this node’s endpoints for external traffic', () => {
    const out = renderRules({ ...node, services: [local], endpointSlices: [eps] });
    expect(section(out, 'chain external-default/web/tcp/http')).toBe(`chain external-default/web/tcp/http {
  fib saddr type local jump mark-for-masquerade
  fib saddr type local goto cluster-default/web/tcp/http
  goto local-default/web/tcp/http
}`);
    expect(section(out, 'chain local-default/web/tcp/http')).toBe(`chain local-default/web/tcp/http {
  meta l4proto tcp dnat to 10.244.0.2:8080
}`);
    // Internal traffic still spreads over every endpoint.
    expect(section(out, 'chain cluster-default/web/tcp/http')).toContain('numgen random mod 2');
  });

  it('drops external traffic when this node has no endpoint, and still serves the ClusterIP', () => {
    const out = renderRules({ ...node, services: [local], endpointSlices: [remoteOnly] });
    expect(elementsOf(out, 'map service-ips')).toEqual(['10.96.0.10 . tcp . 80 : goto cluster-default/web/tcp/http']);
    expect(elementsOf(out, 'map no-endpoint-services')).toEqual(['203.0.113.7 . tcp . 80 : drop']);
    expect(elementsOf(out, 'map no-endpoint-nodeports')).toEqual(['tcp . 30080 : drop']);
    expect(out).not.toContain('chain external-default/web/tcp/http');
  });
});

describe('renderRules: internalTrafficPolicy Local', () => {
  const internal = svc('web', { clusterIP: '10.96.0.10', internalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80 }] });

  it('sends ClusterIP traffic only to this node’s endpoints', () => {
    const out = renderRules({ ...node, services: [internal], endpointSlices: [eps] });
    expect(elementsOf(out, 'map service-ips')).toEqual(['10.96.0.10 . tcp . 80 : goto local-default/web/tcp/http']);
    expect(out).not.toContain('chain cluster-default/web/tcp/http');
    expect(out).not.toContain('10.244.1.2');
  });

  it('drops ClusterIP traffic when endpoints exist only elsewhere', () => {
    const out = renderRules({ ...node, services: [internal], endpointSlices: [remoteOnly] });
    expect(elementsOf(out, 'map no-endpoint-services')).toEqual(['10.96.0.10 . tcp . 80 : drop']);
    expect(elementsOf(out, 'map service-ips')).toEqual([]);
  });
});

describe('renderRules: sessionAffinity ClientIP', () => {
  // The one layout with a chain per endpoint: the random pick must also record the client in that
  // endpoint's set. Hairpin is still the postrouting @hairpin lookup.
  it('keeps one timed set per endpoint, checked before the random pick and refreshed on each new connection', () => {
    const sticky = svc('web', { clusterIP: '10.96.0.10', sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } }, ports: [{ name: 'http', port: 80 }] });
    const out = renderRules({ ...node, services: [sticky], endpointSlices: [eps] });
    expect(section(out, 'set affinity-default/web/tcp/http__10.244.0.2/8080')).toBe(`set affinity-default/web/tcp/http__10.244.0.2/8080 {
  type ipv4_addr
  flags dynamic,timeout
  timeout 60s
}`);
    expect(section(out, 'chain cluster-default/web/tcp/http')).toBe(`chain cluster-default/web/tcp/http {
  ip saddr @affinity-default/web/tcp/http__10.244.0.2/8080 goto endpoint-default/web/tcp/http__10.244.0.2/8080
  ip saddr @affinity-default/web/tcp/http__10.244.1.2/8080 goto endpoint-default/web/tcp/http__10.244.1.2/8080
  numgen random mod 2 vmap { 0 : goto endpoint-default/web/tcp/http__10.244.0.2/8080, 1 : goto endpoint-default/web/tcp/http__10.244.1.2/8080 }
}`);
    expect(section(out, 'chain endpoint-default/web/tcp/http__10.244.1.2/8080')).toBe(`chain endpoint-default/web/tcp/http__10.244.1.2/8080 {
  update @affinity-default/web/tcp/http__10.244.1.2/8080 { ip saddr }
  meta l4proto tcp dnat to 10.244.1.2:8080
}`);
    expect(elementsOf(out, 'set hairpin')).toEqual(['10.244.0.2 . 10.244.0.2', '10.244.1.2 . 10.244.1.2']);
  });

  it('defaults the timeout to three hours', () => {
    const sticky = svc('web', { clusterIP: '10.96.0.10', sessionAffinity: 'ClientIP', ports: [{ name: 'http', port: 80 }] });
    expect(section(renderRules({ ...node, services: [sticky], endpointSlices: [eps] }), 'set affinity-default/web/tcp/http__10.244.0.2/8080')).toContain('timeout 10800s');
  });
});
