// Golden cells for networking, RBAC, coordination, scheduling, quota and default-printed kinds.
import { describe, expect, it } from 'vitest';
import { columnsFor, rowFor } from './table';
import { DAY, HOUR, MIN, NOW, def, meta } from './golden.testing';
import type { KObject } from '../registry/types';

const cells = (d: ReturnType<typeof def>, o: object) => rowFor(d, o as KObject, NOW).cells;
const headers = (d: ReturnType<typeof def>) => columnsFor(d).map((c) => (c.priority ? `(${c.name.toUpperCase()})` : c.name.toUpperCase()));
const NET = 'networking.k8s.io';
const RBAC = 'rbac.authorization.k8s.io';

describe('networking', () => {
  const I = def(NET, 'v1', 'Ingress');
  it('ingresses', () => {
    expect(headers(I)).toEqual(['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE']);
    const ing = { metadata: meta('web', 2 * HOUR), spec: { ingressClassName: 'nginx', rules: [{ host: 'foo.example.com' }, { host: 'bar.example.com' }], tls: [{ hosts: ['foo.example.com'] }] }, status: { loadBalancer: { ingress: [{ ip: '192.0.2.10' }] } } };
    expect(cells(I, ing)).toEqual(['web', 'nginx', 'foo.example.com,bar.example.com', '192.0.2.10', '80, 443', '120m']);
    expect(cells(I, { metadata: meta('any', 60), spec: { defaultBackend: {}, rules: [{}] } })).toEqual(['any', '<none>', '*', '', '80', '60s']);
  });

  it('ingress hosts past three', () => {
    const rules = ['a', 'b', 'c', 'd', 'e'].map((h) => ({ host: `${h}.example.com` }));
    expect(cells(I, { metadata: meta('many', 60), spec: { rules } })[2]).toBe('a.example.com,b.example.com,c.example.com + 2 more...');
  });

  it('ingress classes', () => {
    const IC = def(NET, 'v1', 'IngressClass');
    expect(headers(IC)).toEqual(['NAME', 'CONTROLLER', 'PARAMETERS', 'AGE']);
    expect(cells(IC, { metadata: meta('nginx', DAY), spec: { controller: 'k8s.io/ingress-nginx' } })).toEqual(['nginx', 'k8s.io/ingress-nginx', '<none>', '24h']);
    expect(cells(IC, { metadata: meta('lb', DAY), spec: { controller: 'example.com/lb', parameters: { apiGroup: 'k8s.example.net', kind: 'IngressParameters', name: 'external-lb' } } })[2]).toBe('IngressParameters.k8s.example.net/external-lb');
  });

  it('network policies', () => {
    const NP = def(NET, 'v1', 'NetworkPolicy');
    expect(headers(NP)).toEqual(['NAME', 'POD-SELECTOR', 'AGE']);
    expect(cells(NP, { metadata: meta('deny-all', 60), spec: { podSelector: {} } })).toEqual(['deny-all', '<none>', '60s']);
    expect(cells(NP, { metadata: meta('db', 60), spec: { podSelector: { matchLabels: { role: 'db' } } } })[1]).toBe('role=db');
  });
});

describe('rbac', () => {
  it('roles and clusterroles print NAME and CREATED AT', () => {
    for (const kind of ['Role', 'ClusterRole']) {
      expect(headers(def(RBAC, 'v1', kind))).toEqual(['NAME', 'CREATED AT']);
      expect(cells(def(RBAC, 'v1', kind), { metadata: { name: 'admin', creationTimestamp: '2025-01-15T08:30:00Z' } })).toEqual(['admin', '2025-01-15T08:30:00Z']);
    }
  });

  it('role bindings and cluster role bindings', () => {
    const RB = def(RBAC, 'v1', 'RoleBinding');
    expect(headers(RB)).toEqual(['NAME', 'ROLE', 'AGE', '(USERS)', '(GROUPS)', '(SERVICEACCOUNTS)']);
    expect(headers(def(RBAC, 'v1', 'ClusterRoleBinding'))).toEqual(headers(RB));
    const subjects = [
      { kind: 'User', name: 'jane', apiGroup: RBAC },
      { kind: 'User', name: 'bob', apiGroup: RBAC },
      { kind: 'Group', name: 'system:masters', apiGroup: RBAC },
      { kind: 'ServiceAccount', name: 'ci', namespace: 'build' },
    ];
    expect(cells(RB, { metadata: meta('read', 4 * DAY), roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'view' }, subjects })).toEqual(['read', 'ClusterRole/view', '4d', 'jane, bob', 'system:masters', 'build/ci']);
    expect(cells(RB, { metadata: meta('empty', 60), roleRef: { kind: 'Role', name: 'r' } })).toEqual(['empty', 'Role/r', '60s', '', '', '']);
  });
});

describe('coordination, scheduling, quotas and limits', () => {
  it('leases', () => {
    const L = def('coordination.k8s.io', 'v1', 'Lease');
    expect(headers(L)).toEqual(['NAME', 'HOLDER', 'AGE']);
    expect(cells(L, { metadata: meta('node-1', 10 * DAY), spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40 } })).toEqual(['node-1', 'node-1', '10d']);
    expect(cells(L, { metadata: meta('free', 60), spec: {} })).toEqual(['free', '', '60s']);
  });

  it('priority classes', () => {
    const PC = def('scheduling.k8s.io', 'v1', 'PriorityClass');
    expect(headers(PC)).toEqual(['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY']);
    expect(cells(PC, { metadata: meta('system-node-critical', 45 * DAY), value: 2000001000, preemptionPolicy: 'PreemptLowerPriority' })).toEqual(['system-node-critical', 2000001000, false, '45d', 'PreemptLowerPriority']);
    expect(cells(PC, { metadata: meta('batch', 60), value: 10, globalDefault: true, preemptionPolicy: 'Never' })).toEqual(['batch', 10, true, '60s', 'Never']);
  });

  it('resource quotas split requests and limits (1.32 column order)', () => {
    const RQ = def('', 'v1', 'ResourceQuota');
    expect(headers(RQ)).toEqual(['NAME', 'AGE', 'REQUEST', 'LIMIT']);
    const rq = { metadata: meta('compute', 30 * MIN), spec: {}, status: { hard: { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi', pods: '10' }, used: { 'requests.cpu': '500m', 'limits.cpu': '1', pods: '2' } } };
    expect(cells(RQ, rq)).toEqual(['compute', '30m', 'pods: 2/10, requests.cpu: 500m/1, requests.memory: 0/1Gi', 'limits.cpu: 1/2, limits.memory: 0/2Gi']);
    expect(cells(RQ, { metadata: meta('new', 1) })).toEqual(['new', '1s', '', '']);
  });

  it('limit ranges and CRDs print NAME and CREATED AT', () => {
    expect(headers(def('', 'v1', 'LimitRange'))).toEqual(['NAME', 'CREATED AT']);
    expect(cells(def('', 'v1', 'LimitRange'), { metadata: { name: 'lr', creationTimestamp: '2025-02-03T04:05:06Z' } })).toEqual(['lr', '2025-02-03T04:05:06Z']);
    const CRD = def('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition');
    expect(headers(CRD)).toEqual(['NAME', 'CREATED AT']);
    expect(cells(CRD, { metadata: { name: 'crontabs.stable.example.com', creationTimestamp: '2024-12-31T23:59:59Z' } })).toEqual(['crontabs.stable.example.com', '2024-12-31T23:59:59Z']);
  });

  it('any other kind prints NAME and AGE', () => {
    const X = def('example.com', 'v1', 'Widget');
    expect(headers(X)).toEqual(['NAME', 'AGE']);
    expect(cells(X, { metadata: meta('w', 3 * MIN) })).toEqual(['w', '3m']);
  });
});
