import { describe, expect, it } from 'vitest';
import { impersonatedUser, requestedIdentity } from './impersonation';

describe('impersonation headers', () => {
  it('reads user, uid, repeated groups and extras', () => {
    const h = new Headers();
    h.set('Impersonate-User', 'alice');
    h.set('Impersonate-Uid', 'u1');
    h.append('Impersonate-Group', 'a');
    h.append('Impersonate-Group', 'b');
    h.append('Impersonate-Extra-Scopes', 'view');
    expect(requestedIdentity(h)).toEqual({ user: 'alice', uid: 'u1', groups: ['a', 'b'], extra: { scopes: ['view'] } });
    expect(requestedIdentity(new Headers({ Accept: 'application/json' }))).toBeUndefined();
  });
  it('gives a service account its groups and everyone system:authenticated', () => {
    expect(impersonatedUser({ user: 'system:serviceaccount:ns:sa', groups: [], extra: {} }).groups).toEqual(['system:serviceaccounts', 'system:serviceaccounts:ns', 'system:authenticated']);
    expect(impersonatedUser({ user: 'alice', groups: ['devs'], extra: {} }).groups).toEqual(['devs', 'system:authenticated']);
    expect(impersonatedUser({ user: 'system:anonymous', groups: [], extra: {} }).groups).toEqual(['system:unauthenticated']);
  });
});
