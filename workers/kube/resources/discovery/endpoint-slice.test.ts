import { describe, it, expect } from 'vitest';
import { admit, lines } from '../networking/admit.testing';
import { endpointSlice } from './endpoint-slice';

const slice = () => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'web-abc12', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
  addressType: 'IPv4',
  endpoints: [
    {
      addresses: ['10.244.1.5'],
      conditions: { ready: true, serving: true, terminating: false },
      hostname: 'web-0',
      nodeName: 'node-1',
      zone: 'us-east-1a',
      hints: { forZones: [{ name: 'us-east-1a' }] },
      targetRef: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: '5f0c1d2e-0000-4000-8000-000000000001' },
    },
  ],
  ports: [{ name: 'http', port: 8080, appProtocol: 'http' }],
});

describe('EndpointSlice', () => {
  it('accepts a controller-made slice and defaults port protocol', () => {
    const r = admit(endpointSlice, slice());
    expect(r.issues).toEqual([]);
    expect(r.causes).toEqual([]);
    expect((r.obj as any).ports[0]).toEqual({ name: 'http', protocol: 'TCP', port: 8080, appProtocol: 'http' });
    expect(endpointSlice.generation).toBe('none');
  });

  it('defaults an unnamed port to the empty name', () => {
    const m: any = slice();
    m.ports = [{ port: 53, protocol: 'UDP' }];
    expect((admit(endpointSlice, m).obj as any).ports[0].name).toBe('');
  });

  it('accepts a slice with no endpoints (Go clients send null)', () => {
    const m: any = slice();
    delete m.endpoints;
    expect(admit(endpointSlice, m).causes).toEqual([]);
  });

  it('detects unknown fields', () => {
    const m: any = slice();
    m.endpoints[0].topology = {};
    expect(admit(endpointSlice, m).issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['topology'] });
  });

  it('validates addresses by type', () => {
    const m: any = slice();
    m.endpoints[0].addresses = ['127.0.0.1', 'fd00::1'];
    m.endpoints.push({ addresses: [] });
    m.ports.push({ name: 'http', port: 1 });
    expect(lines(admit(endpointSlice, m))).toEqual([
      'endpoints[0].addresses[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      'endpoints[0].addresses[1]: Invalid value: "fd00::1": must be a valid IPv4 address',
      'endpoints[1].addresses: Required value: must contain at least 1 address',
      'ports[1].name: Duplicate value: "http"',
    ]);
  });

  it('accepts FQDN and IPv6 slices', () => {
    const fqdn: any = slice();
    fqdn.addressType = 'FQDN';
    fqdn.endpoints[0].addresses = ['db.example.com'];
    expect(admit(endpointSlice, fqdn).causes).toEqual([]);
    fqdn.endpoints[0].addresses = ['localhost'];
    expect(lines(admit(endpointSlice, fqdn))).toEqual(['endpoints[0].addresses[0]: Invalid value: "localhost": should be a domain with at least two segments separated by dots']);
    const v6: any = slice();
    v6.addressType = 'IPv6';
    v6.endpoints[0].addresses = ['2001:db8::5'];
    expect(admit(endpointSlice, v6).causes).toEqual([]);
  });

  it('rejects an unknown address type and keeps addressType immutable', () => {
    const m: any = slice();
    m.addressType = 'IPX';
    expect(lines(admit(endpointSlice, m))).toEqual(['addressType: Unsupported value: "IPX": supported values: "FQDN", "IPv4", "IPv6"']);
    const old = admit(endpointSlice, slice()).obj!;
    const upd: any = slice();
    upd.addressType = 'FQDN';
    upd.endpoints[0].addresses = ['a.example.com'];
    expect(lines(admit(endpointSlice, upd, old))).toEqual(['addressType: Invalid value: "FQDN": field is immutable']);
  });
});
