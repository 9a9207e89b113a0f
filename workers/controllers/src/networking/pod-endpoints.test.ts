import { describe, expect, it } from 'vitest';
import { addressFor, conditionsOf, hostnameFor, podHasEndpoint, resolvePort, selectorOf, selects, serviceKeysFor } from './pod-endpoints';
import { pod, svc } from './testing';

describe('conditionsOf', () => {
  it.each([
    { name: 'ready pod', o: {}, publish: false, want: { ready: true, serving: true, terminating: false } },
    { name: 'not ready pod', o: { ready: false }, publish: false, want: { ready: false, serving: false, terminating: false } },
    { name: 'ready pod terminating keeps serving', o: { deleting: true }, publish: false, want: { ready: false, serving: true, terminating: true } },
    { name: 'not ready pod terminating', o: { ready: false, deleting: true }, publish: false, want: { ready: false, serving: false, terminating: true } },
    { name: 'publishNotReadyAddresses makes it ready', o: { ready: false }, publish: true, want: { ready: true, serving: true, terminating: false } },
    { name: 'publishNotReadyAddresses while terminating', o: { ready: false, deleting: true }, publish: true, want: { ready: true, serving: true, terminating: true } },
  ])('$name', ({ o, publish, want }) => {
    expect(conditionsOf(svc('s', { publish }), pod('p', o))).toEqual(want);
  });
});

describe('podHasEndpoint', () => {
  it.each([
    { name: 'running with an IP', o: {}, terminating: false, want: true },
    { name: 'no IP yet', o: { ip: null }, terminating: true, want: false },
    { name: 'succeeded', o: { phase: 'Succeeded' }, terminating: true, want: false },
    { name: 'failed', o: { phase: 'Failed' }, terminating: true, want: false },
    { name: 'terminating, kept for slices', o: { deleting: true }, terminating: true, want: true },
    { name: 'terminating, dropped for Endpoints', o: { deleting: true }, terminating: false, want: false },
  ])('$name', ({ o, terminating, want }) => {
    expect(podHasEndpoint(pod('p', o), terminating)).toBe(want);
  });
});

describe('resolvePort', () => {
  const ports = [
    { name: 'http', containerPort: 8080 },
    { name: 'dns', containerPort: 5353, protocol: 'UDP' },
  ];
  it.each([
    { name: 'a number is used as is', target: 9090, protocol: 'TCP', want: 9090 },
    { name: 'no targetPort means the port', target: undefined, protocol: 'TCP', want: 80 },
    { name: 'a name is looked up', target: 'http', protocol: 'TCP', want: 8080 },
    { name: 'a name must match the protocol', target: 'dns', protocol: 'TCP', want: undefined },
    { name: 'a name with its protocol', target: 'dns', protocol: 'UDP', want: 5353 },
    { name: 'an unknown name resolves to nothing', target: 'metrics', protocol: 'TCP', want: undefined },
  ])('$name', ({ target, protocol, want }) => {
    expect(resolvePort(pod('p', { ports }), { port: 80, protocol, ...(target !== undefined ? { targetPort: target } : {}) })).toBe(want);
  });

  it('finds ports on sidecar init containers', () => {
    const p = pod('p');
    p.spec.initContainers = [{ name: 'side', image: 'envoy', restartPolicy: 'Always', ports: [{ name: 'proxy', containerPort: 15001 }] }];
    expect(resolvePort(p, { port: 80, targetPort: 'proxy' })).toBe(15001);
  });
});

describe('selection', () => {
  type Case = { name: string; selector: Record<string, string>; labels: Record<string, string>; ns: string; want: boolean };
  it.each<Case>([
    { name: 'matching labels', selector: { app: 'web' }, labels: { app: 'web', x: 'y' }, ns: 'default', want: true },
    { name: 'missing label', selector: { app: 'web', tier: 'fe' }, labels: { app: 'web' }, ns: 'default', want: false },
    { name: 'other namespace', selector: { app: 'web' }, labels: { app: 'web' }, ns: 'other', want: false },
    { name: 'empty selector selects nothing', selector: {}, labels: { app: 'web' }, ns: 'default', want: false },
  ])('$name', ({ selector, labels, ns, want }) => {
    expect(selects(svc('s', { selector }), pod('p', { labels, namespace: ns }))).toBe(want);
  });

  it('treats a missing or empty selector as none', () => {
    expect(selectorOf(svc('s', { selector: null }))).toBeUndefined();
    expect(selectorOf(svc('s', { selector: {} }))).toBeUndefined();
  });

  it('maps a pod change (old and new labels) to the Services selecting either', () => {
    const services = [svc('a', { selector: { app: 'a' } }), svc('b', { selector: { app: 'b' } }), svc('c', { selector: { app: 'c' } })];
    expect(serviceKeysFor(services, [pod('p', { labels: { app: 'b' } }), pod('p', { labels: { app: 'a' } })]).sort()).toEqual(['default/a', 'default/b']);
  });
});

describe('addresses and hostnames', () => {
  it('picks the pod IP of the wanted family', () => {
    const p = pod('p', { ip: '10.1.0.5', ips: ['10.1.0.5', 'fd00::5'] });
    expect(addressFor(p, 'IPv4')).toBe('10.1.0.5');
    expect(addressFor(p, 'IPv6')).toBe('fd00::5');
    expect(addressFor(pod('q', { ip: '10.1.0.6' }), 'IPv6')).toBeUndefined();
  });

  it.each([
    { name: 'hostname under its subdomain Service', o: { hostname: 'h', subdomain: 's' }, want: 'h' },
    { name: 'hostname under another subdomain', o: { hostname: 'h', subdomain: 'other' }, want: undefined },
    { name: 'no hostname', o: { subdomain: 's' }, want: undefined },
  ])('$name', ({ o, want }) => {
    expect(hostnameFor(svc('s'), pod('p', o))).toBe(want);
  });
});
