import { describe, it, expect } from 'vitest';
import { admit } from './admit.testing';
import { networkPolicy } from './network-policy';
import { ingressClass } from './ingress-class';

describe('NetworkPolicy', () => {
  it('defaults a default-deny policy', () => {
    const r = admit(networkPolicy, { metadata: { name: 'default-deny', namespace: 'prod' }, spec: { podSelector: {} } });
    expect(r.causes).toEqual([]);
    expect(r.obj?.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
  });

  it('defaults protocol and adds Egress when egress rules exist', () => {
    const r = admit(networkPolicy, {
      metadata: { name: 'db' },
      spec: {
        podSelector: { matchLabels: { app: 'db' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 5432 }] }],
        egress: [{ to: [{ namespaceSelector: {} }], ports: [{ protocol: 'UDP', port: 53, endPort: 54 }] }],
      },
    });
    expect(r.causes).toEqual([]);
    const spec = r.obj?.spec as any;
    expect(spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(spec.ingress[0].ports[0].protocol).toBe('TCP');
  });

  it('reports bad peers, ports and cidrs', () => {
    const r = admit(networkPolicy, {
      metadata: { name: 'bad' },
      spec: {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'In' }] },
        ingress: [{ from: [{}, { ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.0.0/8'] }, podSelector: {} }], ports: [{ port: 'http', endPort: 90 }] }],
        policyTypes: ['Ingress', 'Sideways'],
      },
    });
    const got = r.causes.map((c) => `${c.field}: ${c.message}`);
    expect(got).toEqual([
      "spec.podSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      'spec.ingress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is non-numeric',
      'spec.ingress[0].from[0]: Required value: must specify a peer',
      'spec.ingress[0].from[1]: Forbidden: may not specify both ipBlock and another peer',
      'spec.ingress[0].from[1].ipBlock.except[0]: Invalid value: "10.0.0.0/8": must be a strict subset of `cidr`',
      'spec.policyTypes[1]: Unsupported value: "Sideways": supported values: "Ingress", "Egress"',
    ]);
  });

  it('detects unknown fields', () => {
    expect(admit(networkPolicy, { metadata: { name: 'x' }, spec: { podSelctor: {} } }).issues[0]).toMatchObject({ code: 'unrecognized_keys' });
  });
});

describe('IngressClass', () => {
  const nginx = () => ({
    metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
    spec: { controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.net', kind: 'IngressParameters', name: 'external-lb' } },
  });

  it('is cluster-scoped and defaults parameters scope to Cluster', () => {
    const r = admit(ingressClass, nginx());
    expect(ingressClass.namespaced).toBe(false);
    expect(r.causes).toEqual([]);
    expect((r.obj?.spec as any).parameters.scope).toBe('Cluster');
  });

  it('validates the controller and namespaced parameters', () => {
    const m: any = nginx();
    m.spec.controller = 'nginx';
    m.spec.parameters.scope = 'Namespace';
    const got = admit(ingressClass, m).causes.map((c) => `${c.field}: ${c.message}`);
    expect(got).toEqual([
      'spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")',
      "spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'",
    ]);
  });

  it('keeps the controller immutable', () => {
    const old = admit(ingressClass, nginx()).obj!;
    const m: any = nginx();
    m.spec.controller = 'example.com/other';
    expect(admit(ingressClass, m, old).causes).toEqual([
      { reason: 'FieldValueInvalid', field: 'spec.controller', message: 'Invalid value: "example.com/other": field is immutable' },
    ]);
  });
});
