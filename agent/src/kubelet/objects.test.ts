import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../workers/kube/client';
import { apiObjectSource, staticObjectSource } from './objects';

function fakeApi(answer: (path: string) => Response) {
  const paths: string[] = [];
  const api = new ApiClient({
    baseUrl: 'https://api.test',
    token: 't',
    userAgent: 'test',
    fetch: async (req) => {
      const path = new URL(req.url).pathname;
      paths.push(path);
      return answer(path);
    },
  });
  return { api, paths };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const notFound = () => json({ kind: 'Status', code: 404, reason: 'NotFound', message: 'not found' }, 404);

describe('apiObjectSource', () => {
  it('makes one request for many lookups of one object within the TTL, and another after it', async () => {
    let clock = 0;
    const { api, paths } = fakeApi(() => json({ metadata: { name: 'cfg' }, data: { a: '1' } }));
    const src = apiObjectSource(api, { now: () => clock });
    const all = await Promise.all(Array.from({ length: 10 }, () => src.getConfigMap('ns', 'cfg')));
    expect(all.every((c) => c?.data?.a === '1')).toBe(true);
    expect(paths).toEqual(['/api/v1/namespaces/ns/configmaps/cfg']);
    clock = 999;
    await src.getConfigMap('ns', 'cfg');
    expect(paths.length).toBe(1);
    clock = 1000;
    await src.getConfigMap('ns', 'cfg');
    expect(paths.length).toBe(2);
  });

  it('answers null for a missing object and uses the right paths', async () => {
    const { api, paths } = fakeApi(notFound);
    const src = apiObjectSource(api);
    expect(await src.getSecret('ns', 's')).toBeNull();
    expect(await src.getPersistentVolumeClaim('ns', 'c')).toBeNull();
    expect(await src.getPersistentVolume('pv')).toBeNull();
    expect(paths).toEqual(['/api/v1/namespaces/ns/secrets/s', '/api/v1/namespaces/ns/persistentvolumeclaims/c', '/api/v1/persistentvolumes/pv']);
  });

  it('does not cache a failed request', async () => {
    let fail = true;
    const { api, paths } = fakeApi(() => (fail ? json({ kind: 'Status', code: 500, reason: 'InternalError', message: 'boom' }, 500) : json({ metadata: { name: 's' } })));
    const src = apiObjectSource(api, { now: () => 0 });
    await expect(src.getSecret('ns', 's')).rejects.toThrow('boom');
    fail = false;
    expect((await src.getSecret('ns', 's'))?.metadata.name).toBe('s');
    expect(paths.length).toBe(2);
  });
});

describe('staticObjectSource', () => {
  it('finds objects by namespace and name', async () => {
    const src = staticObjectSource({ configMaps: [{ metadata: { name: 'a', namespace: 'x' } }], persistentVolumes: [{ metadata: { name: 'pv' } }] });
    expect(await src.getConfigMap('x', 'a')).not.toBeNull();
    expect(await src.getConfigMap('y', 'a')).toBeNull();
    expect(await src.getPersistentVolume('pv')).not.toBeNull();
    expect(await src.getSecret('x', 'a')).toBeNull();
  });
});
