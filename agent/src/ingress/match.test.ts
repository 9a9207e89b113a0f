import { describe, expect, it } from 'vitest';
import { compileRoutes, type CompileInput } from './compile';
import { ingress, service, tlsSecret, type PathSpec } from './fixtures.testing';
import { hostOnly, matchRoute, pickCertificate } from './match';
import type { Ingress } from './types';

const svcNames = ['a', 'b', 'c', 'd', 'def'];
function input(ingresses: Ingress[], secrets: CompileInput['secrets'] = new Map()): CompileInput {
  const made = svcNames.map((n, i) => service(n, [{ ip: `10.0.0.${i + 1}` }]));
  return { ingresses, services: made.map((m) => m.service), endpointSlices: made.map((m) => m.slice), secrets };
}

/** Which Service a request lands on: its name, "default:<name>" for the default backend, or "none". */
function land(ingresses: Ingress[], host: string, path: string): string {
  const m = matchRoute(compileRoutes(input(ingresses)), host, path);
  if (m.kind === 'none') return 'none';
  const target = m.kind === 'path' ? m.route.target : m.target;
  const name = target.key.split('/')[1].split(':')[0];
  return m.kind === 'default' ? `default:${name}` : name;
}

const paths = (...specs: PathSpec[]) => [ingress('i', [{ paths: specs }], { defaultBackend: 'def' })];

describe('path matching (the table in upstream’s Ingress docs)', () => {
  it.each([
    ['Prefix / matches every path', paths({ path: '/', service: 'a' }), '/anything/at/all', 'a'],
    ['Exact /foo matches /foo', paths({ path: '/foo', type: 'Exact', service: 'a' }), '/foo', 'a'],
    ['Exact /foo does not match /bar', paths({ path: '/foo', type: 'Exact', service: 'a' }), '/bar', 'default:def'],
    ['Exact /foo does not match /foo/', paths({ path: '/foo', type: 'Exact', service: 'a' }), '/foo/', 'default:def'],
    ['Exact /foo/ does not match /foo', paths({ path: '/foo/', type: 'Exact', service: 'a' }), '/foo', 'default:def'],
    ['Prefix /foo matches /foo', paths({ path: '/foo', service: 'a' }), '/foo', 'a'],
    ['Prefix /foo matches /foo/', paths({ path: '/foo', service: 'a' }), '/foo/', 'a'],
    ['Prefix /foo/ matches /foo', paths({ path: '/foo/', service: 'a' }), '/foo', 'a'],
    ['Prefix /foo/ matches /foo/', paths({ path: '/foo/', service: 'a' }), '/foo/', 'a'],
    ['Prefix /aaa/bb does not match /aaa/bbb', paths({ path: '/aaa/bb', service: 'a' }), '/aaa/bbb', 'default:def'],
    ['Prefix /aaa/bbb matches /aaa/bbb', paths({ path: '/aaa/bbb', service: 'a' }), '/aaa/bbb', 'a'],
    ['Prefix /aaa/bbb/ matches /aaa/bbb (trailing slash ignored)', paths({ path: '/aaa/bbb/', service: 'a' }), '/aaa/bbb', 'a'],
    ['Prefix /aaa/bbb matches /aaa/bbb/ (trailing slash)', paths({ path: '/aaa/bbb', service: 'a' }), '/aaa/bbb/', 'a'],
    ['Prefix /aaa/bbb matches the subpath /aaa/bbb/ccc', paths({ path: '/aaa/bbb', service: 'a' }), '/aaa/bbb/ccc', 'a'],
    ['Prefix /aaa/bbb does not match the string prefix /aaa/bbbxyz', paths({ path: '/aaa/bbb', service: 'a' }), '/aaa/bbbxyz', 'default:def'],
    ['of /, /aaa the longest prefix /aaa wins for /aaa/ccc', paths({ path: '/', service: 'a' }, { path: '/aaa', service: 'b' }), '/aaa/ccc', 'b'],
    ['of /, /aaa, /aaa/bbb the longest wins for /aaa/bbb', paths({ path: '/', service: 'a' }, { path: '/aaa', service: 'b' }, { path: '/aaa/bbb', service: 'c' }), '/aaa/bbb', 'c'],
    ['of /, /aaa, /aaa/bbb only / matches /ccc', paths({ path: '/', service: 'a' }, { path: '/aaa', service: 'b' }, { path: '/aaa/bbb', service: 'c' }), '/ccc', 'a'],
    ['Prefix /aaa does not match /ccc: the default backend', paths({ path: '/aaa', service: 'a' }), '/ccc', 'default:def'],
    ['Exact beats Prefix for the same path', paths({ path: '/foo', service: 'a' }, { path: '/foo', type: 'Exact', service: 'b' }), '/foo', 'b'],
    ['Prefix still serves below an Exact path', paths({ path: '/foo', service: 'a' }, { path: '/foo', type: 'Exact', service: 'b' }), '/foo/x', 'a'],
    ['ImplementationSpecific is served as Prefix', paths({ path: '/img', type: 'ImplementationSpecific', service: 'a' }), '/img/x.png', 'a'],
    ['the query string is not part of the path', paths({ path: '/foo', type: 'Exact', service: 'a' }), '/foo?x=/bar', 'a'],
    ['matching is case-sensitive', paths({ path: '/Foo', type: 'Exact', service: 'a' }), '/foo', 'default:def'],
  ])('%s', (_name, ingresses, path, want) => {
    expect(land(ingresses, 'any.example', path)).toBe(want);
  });
});

describe('host matching', () => {
  const ings = [
    ingress('hosts', [
      { host: 'foo.bar.com', paths: [{ service: 'a' }] },
      { host: '*.foo.com', paths: [{ service: 'b' }] },
      { host: 'exact.foo.com', paths: [{ path: '/only', service: 'c' }] },
      { paths: [{ service: 'd' }] },
    ]),
  ];
  it.each([
    ['an exact host', 'foo.bar.com', '/', 'a'],
    ['the Host header with a port and in upper case', 'FOO.bar.com:8080', '/', 'a'],
    ['a wildcard covering one label', 'bar.foo.com', '/', 'b'],
    ['a wildcard does not cover two labels: the rule without host', 'baz.bar.foo.com', '/', 'd'],
    ['a wildcard does not cover the bare suffix', 'foo.com', '/', 'd'],
    ['an exact host beats a wildcard', 'exact.foo.com', '/only/x', 'c'],
    ['an exact host whose paths do not match does not fall back to the wildcard', 'exact.foo.com', '/other', 'none'],
    ['an unknown host takes the rule without host', 'other.example', '/', 'd'],
    ['no Host header takes the rule without host', '', '/', 'd'],
  ])('%s', (_name, host, path, want) => {
    expect(land(ings, host, path)).toBe(want);
  });

  it('returns none without rules or a default backend, and the default backend when there is one', () => {
    expect(land([ingress('x', [{ host: 'a.example', paths: [{ service: 'a' }] }])], 'b.example', '/')).toBe('none');
    expect(land([ingress('x', [], { defaultBackend: 'def' })], 'b.example', '/')).toBe('default:def');
  });
});

describe('merging Ingresses', () => {
  it('merges paths of one host from several Ingresses', () => {
    const ings = [ingress('one', [{ host: 'h.example', paths: [{ path: '/a', service: 'a' }] }]), ingress('two', [{ host: 'h.example', paths: [{ path: '/b', service: 'b' }] }])];
    expect(land(ings, 'h.example', '/a/1')).toBe('a');
    expect(land(ings, 'h.example', '/b/1')).toBe('b');
  });

  it('gives a duplicated host+path to the oldest Ingress and warns about the other', () => {
    const young = ingress('young', [{ host: 'h.example', paths: [{ path: '/x', service: 'a' }] }], { created: '2026-05-01T00:00:00Z' });
    const old = ingress('old', [{ host: 'h.example', paths: [{ path: '/x/', service: 'b' }] }], { created: '2026-01-01T00:00:00Z' });
    expect(land([young, old], 'h.example', '/x')).toBe('b');
    expect(compileRoutes(input([young, old])).warnings.join('\n')).toContain('default/young: host "h.example" path "/x" is already routed by default/old');
  });

  it('uses the oldest Ingress’s default backend', () => {
    const ings = [ingress('young', [], { defaultBackend: 'a', created: '2026-05-01T00:00:00Z' }), ingress('old', [], { defaultBackend: 'b', created: '2026-02-01T00:00:00Z' })];
    expect(land(ings, 'x', '/')).toBe('default:b');
  });
});

describe('backends', () => {
  it('lists only ready endpoints, with the slice’s target port, sorted', () => {
    const s = service('web', [{ ip: '10.0.0.9' }, { ip: '10.0.0.3', ready: false }, { ip: '10.0.0.2' }]);
    const t = compileRoutes({ ingresses: paths({ service: 'web' }), services: [s.service], endpointSlices: [s.slice], secrets: new Map() });
    expect(t.any[0].target).toEqual({ key: 'default/web:80', endpoints: ['10.0.0.2:8080', '10.0.0.9:8080'] });
  });

  it('resolves a named Service port', () => {
    const s = service('web', [{ ip: '10.0.0.9' }]);
    const t = compileRoutes({ ingresses: paths({ service: 'web', port: 'http' }), services: [s.service], endpointSlices: [s.slice], secrets: new Map() });
    expect(t.any[0].target.endpoints).toEqual(['10.0.0.9:8080']);
  });

  it.each([
    ['a missing Service', 'nope', 80, 'service "default/nope" not found'],
    ['a port the Service does not have', 'web', 81, 'service "default/web" has no TCP port 81'],
  ])('explains %s', (_n, name, port, problem) => {
    const s = service('web', [{ ip: '10.0.0.9' }]);
    const t = compileRoutes({ ingresses: paths({ service: name, port }), services: [s.service], endpointSlices: [s.slice], secrets: new Map() });
    expect(t.any[0].target).toMatchObject({ endpoints: [], problem });
  });

  it('explains a Service without ready endpoints', () => {
    const s = service('web', [{ ip: '10.0.0.9', ready: false }]);
    const t = compileRoutes({ ingresses: paths({ service: 'web' }), services: [s.service], endpointSlices: [s.slice], secrets: new Map() });
    expect(t.any[0].target).toMatchObject({ endpoints: [], problem: 'service "default/web" has no ready endpoints' });
  });
});

describe('TLS certificates by SNI', () => {
  const secrets = new Map([
    ['default/one', tlsSecret('one', 'CERT-ONE', 'KEY-ONE')],
    ['default/wild', tlsSecret('wild', 'CERT-WILD', 'KEY-WILD')],
    ['default/bare', tlsSecret('bare', 'CERT-BARE', 'KEY-BARE')],
    ['default/opaque', { metadata: { name: 'opaque', namespace: 'default' }, type: 'Opaque', data: { 'tls.crt': 'eA==', 'tls.key': 'eA==' } }],
  ]);
  const ings = [
    ingress('tls', [{ host: 'one.example', paths: [{ service: 'a' }] }], { tls: [{ hosts: ['one.example'], secretName: 'one' }, { hosts: ['*.wild.example'], secretName: 'wild' }, { hosts: ['x.example'], secretName: 'opaque' }], created: '2026-01-01T00:00:00Z' }),
    ingress('nohosts', [{ host: 'bare.example', paths: [{ service: 'b' }] }], { tls: [{ secretName: 'bare' }], created: '2026-02-01T00:00:00Z' }),
  ];
  const table = compileRoutes(input(ings, secrets));
  it.each([
    ['an exact name', 'one.example', 'CERT-ONE'],
    ['a name covered by a wildcard', 'a.wild.example', 'CERT-WILD'],
    ['a TLS entry without hosts covers its Ingress’s rule hosts', 'bare.example', 'CERT-BARE'],
    ['an unknown name gets the oldest certificate', 'unknown.example', 'CERT-ONE'],
    ['no SNI gets the oldest certificate', '', 'CERT-ONE'],
  ])('%s', (_n, sni, cert) => {
    expect(pickCertificate(table, sni)?.cert).toBe(cert);
  });

  it('ignores Secrets that are not kubernetes.io/tls, with a warning', () => {
    expect(table.tls.map((t) => t.cert)).toEqual(['CERT-ONE', 'CERT-WILD', 'CERT-BARE']);
    expect(table.warnings.join('\n')).toContain('TLS secret "default/opaque" is missing or not a kubernetes.io/tls Secret');
  });
});

describe('hostOnly', () => {
  it.each([
    ['Example.COM', 'example.com'],
    ['example.com:8443', 'example.com'],
    ['example.com.', 'example.com'],
    ['[::1]:80', '::1'],
    ['192.0.2.1:80', '192.0.2.1'],
  ])('%s → %s', (h, want) => expect(hostOnly(h)).toBe(want));
});
