import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../kube/client';
import { noticingWrites, storeKeyOfPath } from './own-writes';

describe('storeKeyOfPath', () => {
  it.each([
    ['/api/v1/namespaces/default/pods', 'pods'],
    ['/api/v1/namespaces/default/pods/web-1/status', 'pods'],
    ['/api/v1/namespaces/default/pods/web-1/eviction?dryRun=All', 'pods'],
    ['/api/v1/namespaces/shop', 'namespaces'],
    ['/api/v1/namespaces/shop/finalize', 'namespaces'],
    ['/api/v1/nodes/n1', 'nodes'],
    ['/apis/apps/v1/namespaces/default/replicasets/web/status', 'apps/replicasets'],
    ['/apis/batch/v1/namespaces/default/jobs', 'batch/jobs'],
    ['/apis/storage.k8s.io/v1/storageclasses/fast', 'storage.k8s.io/storageclasses'],
  ])('%s is %s', (path, key) => expect(storeKeyOfPath(path)).toBe(key));

  it.each(['/healthz', '/api', '/api/v1', '/apis/apps'])('%s is no resource', (path) => expect(storeKeyOfPath(path)).toBeUndefined());
});

describe('noticingWrites', () => {
  it('reports the resource of every request but GETs, before sending it', async () => {
    const sent: string[] = [];
    const api = new ApiClient({ baseUrl: 'https://api.test', token: 't', userAgent: 'test', fetch: async (req) => (sent.push(`${req.method} ${new URL(req.url).pathname}`), Response.json({ kind: 'Pod', metadata: {} })) });
    const noted: string[] = [];
    const wrapped = noticingWrites(api, (r) => noted.push(`${r} (${sent.length} sent)`));
    await wrapped.get('/api/v1/namespaces/default/pods/a');
    await wrapped.create('/api/v1/namespaces/default/pods', {});
    await wrapped.patch('/apis/apps/v1/namespaces/default/replicasets/web/status', {});
    await wrapped.delete('/apis/batch/v1/namespaces/default/jobs/j');
    expect(noted).toEqual(['pods (1 sent)', 'apps/replicasets (2 sent)', 'batch/jobs (3 sent)']);
    expect(sent).toHaveLength(4);
  });
});
