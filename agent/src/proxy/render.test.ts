import { describe, expect, it } from 'vitest';
import { LINEAR_PICK_MAX } from './model';
import { renderRules } from './render';
import { elementsOf, ep, section, slice, svc } from './fixtures.testing';
import type { RenderInput } from './types';

const node = { nodeName: 'node-a', nodeIPs: ['192.168.1.10'] };
const web = svc('web', { clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
const webSlice = slice('web', [{ name: 'http', port: 8080 }], [ep('10.244.0.2'), ep('10.244.1.2', 'node-b')]);

describe('renderRules: the whole script', () => {
  // No chain per endpoint (unlike kube-proxy): the Service chain DNATs itself, one rule per endpoint,
  // and hairpin traffic is found in postrouting by the @hairpin set (see model.ts for why).
  it('renders a ClusterIP Service with two endpoints as one atomic replacement of the table', () => {
    expect(renderRules({ ...node, services: [web], endpointSlices: [webSlice] })).toBe(`# kubeflare service proxy for node node-a: generated, replaced whole on every change.
table ip kubeflare {}
delete table ip kubeflare
table ip kubeflare {
  set nodeport-ips {
    type ipv4_addr
    elements = {
      192.168.1.10
    }
  }
  set hairpin {
    type ipv4_addr . ipv4_addr
    elements = {
      10.244.0.2 . 10.244.0.2,
      10.244.1.2 . 10.244.1.2
    }
  }
  map service-ips {
    type ipv4_addr . inet_proto . inet_service : verdict
    elements = {
      10.96.0.10 . tcp . 80 : goto cluster-default/web/tcp/http
    }
  }
  map service-nodeports {
    type inet_proto . inet_service : verdict
  }
  map no-endpoint-services {
    type ipv4_addr . inet_proto . inet_service : verdict
  }
  map no-endpoint-nodeports {
    type inet_proto . inet_service : verdict
  }
  chain nat-prerouting {
    type nat hook prerouting priority dstnat; policy accept;
    jump services
  }
  chain nat-output {
    type nat hook output priority -100; policy accept;
    jump services
  }
  chain nat-postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    jump masquerading
  }
  chain filter-input {
    type filter hook input priority -110; policy accept;
    ct state new jump nodeport-endpoints-check
    ct state new jump service-endpoints-check
  }
  chain filter-forward {
    type filter hook forward priority -110; policy accept;
    ct state new jump service-endpoints-check
  }
  chain filter-output {
    type filter hook output priority -110; policy accept;
    ct state new jump service-endpoints-check
  }
  chain services {
    ip daddr . meta l4proto . th dport vmap @service-ips
    ip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports
  }
  chain service-endpoints-check {
    ip daddr . meta l4proto . th dport vmap @no-endpoint-services
  }
  chain nodeport-endpoints-check {
    ip daddr @nodeport-ips meta l4proto . th dport vmap @no-endpoint-nodeports
  }
  chain mark-for-masquerade {
    meta mark set meta mark | 0x4000
  }
  chain masquerading {
    ct status dnat ip saddr . ip daddr @hairpin jump mark-for-masquerade
    meta mark & 0x4000 == 0 return
    meta mark set meta mark ^ 0x4000
    masquerade
  }
  chain reject-chain {
    reject with icmp type port-unreachable
  }
  chain cluster-default/web/tcp/http {
    numgen random mod 2 == 0 meta l4proto tcp dnat to 10.244.0.2:8080
    meta l4proto tcp dnat to 10.244.1.2:8080
  }
}
`);
  });

  it('uses the table name it is given', () => {
    const out = renderRules({ ...node, services: [], endpointSlices: [], tableName: 'kf-test' });
    expect(out.split('\n').slice(1, 4)).toEqual(['table ip kf-test {}', 'delete table ip kf-test', 'table ip kf-test {']);
  });

  it('is the same text whatever order the objects arrive in', () => {
    const other = svc('api', { clusterIP: '10.96.0.9', ports: [{ port: 443, targetPort: 8443 }] });
    const otherSlice = slice('api', [{ port: 8443 }], [ep('10.244.0.9'), ep('10.244.0.10')]);
    const a: RenderInput = { ...node, services: [web, other], endpointSlices: [webSlice, otherSlice] };
    const b: RenderInput = {
      ...node,
      services: [other, web],
      endpointSlices: [otherSlice, { ...webSlice, endpoints: [...webSlice.endpoints!].reverse() }],
    };
    expect(renderRules(a)).toBe(renderRules(b));
    // Numeric address order: .9 before .10.
    expect(section(renderRules(a), 'chain cluster-default/api/tcp/443')).toBe(`chain cluster-default/api/tcp/443 {
  numgen random mod 2 == 0 meta l4proto tcp dnat to 10.244.0.9:8443
  meta l4proto tcp dnat to 10.244.0.10:8443
}`);
  });
});

describe('renderRules: the random pick', () => {
  const many = (n: number) => slice('web', [{ name: 'http', port: 8080 }], Array.from({ length: n }, (_, i) => ep(`10.244.0.${i + 2}`)));

  it('gives endpoint i of N the chance 1/(N-i) of what is left, so each gets 1/N', () => {
    expect(section(renderRules({ ...node, services: [web], endpointSlices: [many(4)] }), 'chain cluster-default/web/tcp/http')).toBe(`chain cluster-default/web/tcp/http {
  numgen random mod 4 == 0 meta l4proto tcp dnat to 10.244.0.2:8080
  numgen random mod 3 == 0 meta l4proto tcp dnat to 10.244.0.3:8080
  numgen random mod 2 == 0 meta l4proto tcp dnat to 10.244.0.4:8080
  meta l4proto tcp dnat to 10.244.0.5:8080
}`);
  });

  it(`switches to one inline map past ${LINEAR_PICK_MAX} endpoints, so a connection's pick stays one lookup`, () => {
    const atMax = section(renderRules({ ...node, services: [web], endpointSlices: [many(LINEAR_PICK_MAX)] }), 'chain cluster-default/web/tcp/http');
    expect(atMax.split('\n')).toHaveLength(LINEAR_PICK_MAX + 2);
    const big = section(renderRules({ ...node, services: [web], endpointSlices: [many(LINEAR_PICK_MAX + 1)] }), 'chain cluster-default/web/tcp/http').split('\n');
    expect(big).toHaveLength(3);
    const pairs = Array.from({ length: LINEAR_PICK_MAX + 1 }, (_, i) => `${i} : 10.244.0.${i + 2} . 8080`).join(', ');
    expect(big[1].trim()).toBe(`meta l4proto tcp dnat to numgen random mod ${LINEAR_PICK_MAX + 1} map { ${pairs} }`);
  });
});

describe('renderRules: Services without a virtual IP or without endpoints', () => {
  it('writes no rules for headless and ExternalName Services', () => {
    const headless = svc('db', { clusterIP: 'None', ports: [{ port: 5432 }] });
    const named = svc('ext', { type: 'ExternalName', externalName: 'example.com', ports: [{ port: 80 }] });
    const out = renderRules({ ...node, services: [headless, named], endpointSlices: [slice('db', [{ port: 5432 }], [ep('10.244.0.3')])] });
    expect(elementsOf(out, 'map service-ips')).toEqual([]);
    expect(elementsOf(out, 'map no-endpoint-services')).toEqual([]);
    expect(out).not.toContain('chain cluster-');
  });

  it('rejects a Service with no ready endpoints on its ClusterIP and NodePort', () => {
    const empty = svc('empty', { type: 'NodePort', clusterIP: '10.96.0.11', ports: [{ port: 53, protocol: 'UDP', nodePort: 30053 }] });
    const notReady = slice('empty', [{ port: 5353, protocol: 'UDP' }], [ep('10.244.0.4', 'node-a', { ready: false })]);
    const out = renderRules({ ...node, services: [empty], endpointSlices: [notReady] });
    expect(elementsOf(out, 'map no-endpoint-services')).toEqual(['10.96.0.11 . udp . 53 : goto reject-chain']);
    expect(elementsOf(out, 'map no-endpoint-nodeports')).toEqual(['udp . 30053 : goto reject-chain']);
    expect(elementsOf(out, 'map service-ips')).toEqual([]);
    expect(elementsOf(out, 'set hairpin')).toEqual([]);
    expect(out).not.toContain('chain cluster-default/empty');
  });

  it('uses serving terminating endpoints only when no endpoint is ready', () => {
    const terminating = ep('10.244.0.5', 'node-a', { ready: false, serving: true, terminating: true });
    const gone = ep('10.244.0.6', 'node-a', { ready: false, serving: false, terminating: true });
    const draining = renderRules({ ...node, services: [web], endpointSlices: [slice('web', [{ name: 'http', port: 8080 }], [terminating, gone])] });
    expect(section(draining, 'chain cluster-default/web/tcp/http')).toBe(`chain cluster-default/web/tcp/http {
  meta l4proto tcp dnat to 10.244.0.5:8080
}`);
    expect(elementsOf(draining, 'set hairpin')).toEqual(['10.244.0.5 . 10.244.0.5']);
    const mixed = renderRules({ ...node, services: [web], endpointSlices: [slice('web', [{ name: 'http', port: 8080 }], [terminating, ep('10.244.0.7')])] });
    expect(section(mixed, 'chain cluster-default/web/tcp/http')).toBe(`chain cluster-default/web/tcp/http {
  meta l4proto tcp dnat to 10.244.0.7:8080
}`);
    expect(elementsOf(mixed, 'set hairpin')).toEqual(['10.244.0.7 . 10.244.0.7']);
  });
});

describe('renderRules: ports', () => {
  it('resolves a named targetPort per slice, as pods may number it differently', () => {
    const out = renderRules({
      ...node,
      services: [web],
      endpointSlices: [slice('web', [{ name: 'http', port: 8080 }], [ep('10.244.0.2')], 'web-1'), slice('web', [{ name: 'http', port: 9090 }], [ep('10.244.0.3')], 'web-2')],
    });
    expect(section(out, 'chain cluster-default/web/tcp/http')).toBe(`chain cluster-default/web/tcp/http {
  numgen random mod 2 == 0 meta l4proto tcp dnat to 10.244.0.2:8080
  meta l4proto tcp dnat to 10.244.0.3:9090
}`);
  });

  it('gives each protocol of a multi-port Service its own chain and map key', () => {
    const dns = svc('dns', {
      clusterIP: '10.96.0.53',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
        { name: 'sig', port: 2905, protocol: 'SCTP' },
      ],
    });
    const s = slice('dns', [{ name: 'dns', port: 5353, protocol: 'UDP' }, { name: 'dns-tcp', port: 5353, protocol: 'TCP' }, { name: 'sig', port: 2905, protocol: 'SCTP' }], [ep('10.244.0.8')]);
    const out = renderRules({ ...node, services: [dns], endpointSlices: [s] });
    // Keys sort by address, then protocol name, then port.
    expect(elementsOf(out, 'map service-ips')).toEqual([
      '10.96.0.53 . sctp . 2905 : goto cluster-default/dns/sctp/sig',
      '10.96.0.53 . tcp . 53 : goto cluster-default/dns/tcp/dns-tcp',
      '10.96.0.53 . udp . 53 : goto cluster-default/dns/udp/dns',
    ]);
    expect(section(out, 'chain cluster-default/dns/udp/dns')).toContain('meta l4proto udp dnat to 10.244.0.8:5353');
    expect(section(out, 'chain cluster-default/dns/sctp/sig')).toContain('meta l4proto sctp dnat to 10.244.0.8:2905');
    // One endpoint serving three ports is one hairpin pair.
    expect(elementsOf(out, 'set hairpin')).toEqual(['10.244.0.8 . 10.244.0.8']);
  });

  it('ignores slice ports of another name and IPv6 slices', () => {
    const v6 = { ...slice('web', [{ name: 'http', port: 8080 }], [{ addresses: ['fd00::1'] }]), addressType: 'IPv6' };
    const out = renderRules({ ...node, services: [web], endpointSlices: [slice('web', [{ name: 'metrics', port: 9100 }], [ep('10.244.0.2')]), v6] });
    expect(elementsOf(out, 'map no-endpoint-services')).toEqual(['10.96.0.10 . tcp . 80 : goto reject-chain']);
  });

  it('lets the first Service (by namespace/name) keep an address and port two Services claim', () => {
    const a = svc('a', { clusterIP: '10.96.0.20', externalIPs: ['1.2.3.4'], ports: [{ port: 80 }] });
    const b = svc('b', { clusterIP: '10.96.0.21', externalIPs: ['1.2.3.4'], ports: [{ port: 80 }] });
    const out = renderRules({ ...node, services: [b, a], endpointSlices: [slice('a', [{ port: 80 }], [ep('10.244.0.2')]), slice('b', [{ port: 80 }], [ep('10.244.0.3')])] });
    expect(elementsOf(out, 'map service-ips').filter((e) => e.startsWith('1.2.3.4'))).toEqual(['1.2.3.4 . tcp . 80 : goto external-default/a/tcp/80']);
  });

  it('does not let a Service without endpoints reject an address and port another Service serves', () => {
    const a = svc('a', { clusterIP: '10.96.0.20', externalIPs: ['1.2.3.4'], ports: [{ port: 80 }] });
    const b = svc('b', { clusterIP: '10.96.0.21', externalIPs: ['1.2.3.4'], ports: [{ port: 80 }] });
    const out = renderRules({ ...node, services: [a, b], endpointSlices: [slice('a', [{ port: 80 }], [ep('10.244.0.2')])] });
    expect(elementsOf(out, 'map no-endpoint-services')).toEqual(['10.96.0.21 . tcp . 80 : goto reject-chain']);
  });
});
