import { describe, expect, it } from 'vitest';
import { StatusError } from '../../../../kube/status';
import { buildClaims, readPrivateClaims } from './claims';
import { normalizeSpec } from './token-request';
import { userOf } from './authenticate';
import { tokenConfig } from './config';

const cfg = tokenConfig({} as never);

function statusOf(f: () => unknown): StatusError {
  try {
    f();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('TokenRequest spec', () => {
  it('defaults audiences to the API audience (the issuer) and expiration to 3600', () => {
    expect(cfg.apiAudiences).toEqual(['https://kubernetes.default.svc.cluster.local']);
    expect(normalizeSpec({}, cfg)).toEqual({ audiences: ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: 3600 });
    expect(normalizeSpec({ spec: { audiences: ['a', 'b'], expirationSeconds: 600 } }, cfg)).toEqual({ audiences: ['a', 'b'], expirationSeconds: 600 });
  });
  it('refuses durations out of range with upstream messages', () => {
    const short = statusOf(() => normalizeSpec({ spec: { expirationSeconds: 599 } }, cfg));
    expect(short.code).toBe(422);
    expect(short.message).toContain('spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes');
    expect(statusOf(() => normalizeSpec({ spec: { expirationSeconds: 2 ** 32 + 1 } }, cfg)).message).toContain('may not specify a duration larger than 2^32 seconds');
    expect(statusOf(() => normalizeSpec({ spec: { expirationSeconds: 'x' } }, cfg)).code).toBe(400);
    expect(statusOf(() => normalizeSpec({ kind: 'Pod' }, cfg)).code).toBe(400);
  });
  it('caps the duration at the configured maximum', () => {
    const capped = tokenConfig({ SERVICE_ACCOUNT_MAX_TOKEN_EXPIRATION_SECONDS: '1000', SERVICE_ACCOUNT_API_AUDIENCES: 'api, other' } as never);
    expect(capped.apiAudiences).toEqual(['api', 'other']);
    expect(normalizeSpec({ spec: { expirationSeconds: 86400 } }, capped).expirationSeconds).toBe(1000);
  });
});

describe('claims', () => {
  const subject = { namespace: 'ns', serviceAccount: { name: 'sa', uid: 'sa-uid' }, pod: { name: 'p', uid: 'p-uid' }, node: { name: 'n', uid: 'n-uid' } };
  it('are upstream’s and read back', () => {
    const c = buildClaims(subject, { issuer: 'iss', audiences: ['a'], now: 100, expirationSeconds: 600, jti: 'j' });
    expect(c).toEqual({
      aud: ['a'],
      exp: 700,
      iat: 100,
      nbf: 100,
      iss: 'iss',
      jti: 'j',
      sub: 'system:serviceaccount:ns:sa',
      'kubernetes.io': { namespace: 'ns', serviceaccount: { name: 'sa', uid: 'sa-uid' }, pod: { name: 'p', uid: 'p-uid' }, node: { name: 'n', uid: 'n-uid' } },
    });
    const priv = readPrivateClaims(c as never);
    expect(priv).toEqual(c['kubernetes.io']);
    expect(userOf(priv as never, 'j')).toEqual({
      name: 'system:serviceaccount:ns:sa',
      uid: 'sa-uid',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:ns', 'system:authenticated'],
      extra: {
        'authentication.kubernetes.io/credential-id': ['JTI=j'],
        'authentication.kubernetes.io/pod-name': ['p'],
        'authentication.kubernetes.io/pod-uid': ['p-uid'],
        'authentication.kubernetes.io/node-name': ['n'],
        'authentication.kubernetes.io/node-uid': ['n-uid'],
      },
    });
  });
  it('refuse a subject that does not match the account, or missing claims', () => {
    const c = buildClaims(subject, { issuer: 'iss', audiences: ['a'], now: 100, expirationSeconds: 600, jti: 'j' });
    expect(readPrivateClaims({ ...c, sub: 'system:serviceaccount:ns:admin' })).toBe('token subject does not match its service account');
    expect(readPrivateClaims({ sub: 'x' })).toBe('token has no kubernetes.io claims');
    expect(readPrivateClaims({ ...c, 'kubernetes.io': { namespace: 'ns', serviceaccount: { name: 'sa' } } })).toBe('token has invalid kubernetes.io claims');
  });
});
