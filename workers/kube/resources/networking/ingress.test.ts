import { describe, it, expect } from 'vitest';
import { admit } from './admit.testing';
import { ingress } from './ingress';

const nginx = () => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web', namespace: 'default', annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' } },
  spec: {
    ingressClassName: 'nginx',
    tls: [{ hosts: ['shop.example.com', '*.example.com'], secretName: 'shop-tls' }],
    rules: [
      {
        host: 'shop.example.com',
        http: {
          paths: [
            { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
            { path: '/api', pathType: 'Exact', backend: { service: { name: 'api', port: { name: 'http' } } } },
          ],
        },
      },
    ],
  },
});

describe('Ingress', () => {
  it('accepts an nginx ingress with rules and tls', () => {
    const r = admit(ingress, nginx());
    expect(r.issues).toEqual([]);
    expect(r.causes).toEqual([]);
    expect(ingress.status).toBe(true);
    expect(ingress.generation).toBe('spec');
    expect(ingress.shortNames).toEqual(['ing']);
  });

  it('detects unknown fields', () => {
    const m: any = nginx();
    m.spec.rules[0].http.paths[0].backend.serviceName = 'web';
    const r = admit(ingress, m);
    expect(r.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['serviceName'] });
  });

  it('requires a default backend or rules', () => {
    const r = admit(ingress, { metadata: { name: 'x' }, spec: {} });
    expect(r.causes).toEqual([{ reason: 'FieldValueInvalid', field: 'spec', message: 'Invalid value: null: either `defaultBackend` or `rules` must be specified' }]);
  });

  it('checks paths, hosts and backends', () => {
    const m: any = nginx();
    m.spec.rules[0].host = '10.0.0.1';
    m.spec.rules[0].http.paths[0].path = 'api';
    m.spec.rules[0].http.paths[1].pathType = 'Regex';
    m.spec.defaultBackend = { service: { name: 'web', port: { name: 'http', number: 80 } } };
    const fields = admit(ingress, m).causes.map((c) => `${c.field}: ${c.message}`);
    expect(fields).toContain('spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address');
    expect(fields).toContain('spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path');
    expect(fields).toContain('spec.rules[0].http.paths[1].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"');
    expect(fields).toContain('spec.defaultBackend: Invalid value: "": cannot set both port name & port number');
  });

  it('rejects a backend without a port and a bad wildcard tls host', () => {
    const m: any = nginx();
    m.spec.rules[0].http.paths[0].backend = { service: { name: 'web' } };
    m.spec.tls[0].hosts = ['foo.*.com'];
    const causes = admit(ingress, m).causes;
    expect(causes).toContainEqual({ reason: 'FieldValueRequired', field: 'spec.rules[0].http.paths[0].backend', message: 'Required value: port name or number is required' });
    expect(causes.find((c) => c.field === 'spec.tls[0].hosts[0]')?.message).toMatch(/wildcard DNS-1123 subdomain/);
  });

  it('requires the class annotation to match ingressClassName', () => {
    const m: any = nginx();
    m.metadata.annotations['kubernetes.io/ingress.class'] = 'traefik';
    expect(admit(ingress, m).causes[0].field).toBe('annotations.kubernetes.io/ingress.class');
  });

  it('accepts a resource default backend and load balancer status', () => {
    const r = admit(ingress, {
      metadata: { name: 'static' },
      spec: { defaultBackend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'assets' } } },
      status: { loadBalancer: { ingress: [{ ip: '203.0.113.7', ports: [{ port: 443, protocol: 'TCP' }] }] } },
    });
    expect(r.issues).toEqual([]);
    expect(r.causes).toEqual([]);
  });
});
