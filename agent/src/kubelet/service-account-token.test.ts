import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../workers/kube/resources/core/pod';
import { serviceAccountTokenSource } from './service-account-token';

function stub(reply: unknown) {
  const calls: { path: string; body: any }[] = [];
  return {
    calls,
    api: {
      async create<T>(path: string, body: unknown): Promise<T> {
        calls.push({ path, body });
        return reply as T;
      },
    },
  };
}

const pod = (sa?: string) => ({ metadata: { name: 'web-1', namespace: 'shop', uid: 'u-1' }, spec: { containers: [], ...(sa ? { serviceAccountName: sa } : {}) } }) as unknown as Pod;

describe('serviceAccountTokenSource', () => {
  it('requests a pod-bound token for the pod’s service account', async () => {
    const s = stub({ status: { token: 'jwt', expirationTimestamp: '2030-01-01T00:00:00Z' } });
    expect(await serviceAccountTokenSource(s.api)(pod('builder'), 'vault', 3607)).toBe('jwt');
    expect(s.calls).toEqual([
      {
        path: '/api/v1/namespaces/shop/serviceaccounts/builder/token',
        body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { audiences: ['vault'], expirationSeconds: 3607, boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'web-1', uid: 'u-1' } } },
      },
    ]);
  });

  it('uses `default` and leaves an empty audience to the server', async () => {
    const s = stub({ status: { token: 't' } });
    await serviceAccountTokenSource(s.api)(pod(), '', 600);
    expect(s.calls[0].path).toBe('/api/v1/namespaces/shop/serviceaccounts/default/token');
    expect(s.calls[0].body.spec.audiences).toBeUndefined();
  });

  it('fails when the server returns no token', async () => {
    const s = stub({ status: {} });
    await expect(serviceAccountTokenSource(s.api)(pod(), '', 600)).rejects.toThrow('TokenRequest for shop/default returned no token');
  });
});
