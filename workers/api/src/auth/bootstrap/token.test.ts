import { describe, expect, it } from 'vitest';
import { checkBootstrapToken, constantTimeEqual, parseBootstrapToken, type BootstrapSecret } from './token';

const b64 = (s: string) => btoa(s);
const NOW = Date.parse('2026-06-01T00:00:00Z');
const token = { id: 'abcdef', secret: '0123456789abcdef' };
function secret(data: Record<string, string>, extra: Partial<BootstrapSecret> = {}): BootstrapSecret {
  const base = { 'token-id': 'abcdef', 'token-secret': '0123456789abcdef', 'usage-bootstrap-authentication': 'true', expiration: '2026-06-02T00:00:00Z' };
  const merged = Object.fromEntries(Object.entries({ ...base, ...data }).filter(([, v]) => v !== ''));
  return { type: 'bootstrap.kubernetes.io/token', data: Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, b64(v)])), ...extra };
}

describe('bootstrap token shape', () => {
  it.each([
    ['abcdef.0123456789abcdef', true],
    ['ABCDEF.0123456789abcdef', false],
    ['abcdef.0123456789abcde', false],
    ['abcdef0123456789abcdef', false],
    ['Zm9vYmFyYmF6cXV4cXV1eHh4eHh4eHh4eHh4eHh4eHg', false],
  ])('%s → %s', (t, ok) => expect(parseBootstrapToken(t) !== null).toBe(ok));
});

describe('bootstrap token check', () => {
  it('accepts a valid token as system:bootstrap:<id> with the bootstrapper groups', () => {
    const d = checkBootstrapToken(token, secret({ 'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token' }), NOW);
    expect(d.user).toEqual({ name: 'system:bootstrap:abcdef', uid: '', groups: ['system:bootstrappers', 'system:bootstrappers:kubeadm:default-node-token', 'system:authenticated'] });
    expect(d.expiresAt).toBe(Date.parse('2026-06-02T00:00:00Z'));
  });

  it.each([
    ['no Secret', null, 'no token secret'],
    ['the wrong type', secret({}, { type: 'Opaque' }), 'type'],
    ['a wrong secret half', secret({ 'token-secret': 'ffffffffffffffff' }), 'does not match'],
    ['a token-id that differs from the name', secret({ 'token-id': 'zzzzzz' }), 'token id'],
    ['an expiration in the past', secret({ expiration: '2026-05-31T23:59:59Z' }), 'expired'],
    ['an expiration that is not a time', secret({ expiration: 'tomorrow' }), 'RFC 3339'],
    ['no authentication usage', secret({ 'usage-bootstrap-authentication': '' }), 'not for authentication'],
    ['an extra group outside system:bootstrappers', secret({ 'auth-extra-groups': 'system:masters' }), 'outside'],
    ['a Secret being deleted', secret({}, { metadata: { deletionTimestamp: '2026-01-01T00:00:00Z' } }), 'deleted'],
  ])('refuses %s', (_n, s, reason) => {
    const d = checkBootstrapToken(token, s, NOW);
    expect(d.user).toBeNull();
    expect(d.reason).toContain(reason);
  });

  it('compares secrets fully', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', 'a')).toBe(false);
  });
});
