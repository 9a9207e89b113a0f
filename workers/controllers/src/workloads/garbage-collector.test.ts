// The collector's API calls around an orphan deletion: dependents the API shows but the cache has not seen
// yet (pokes are spaced) are orphaned before the owner goes, so they are never collected as dangling.
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../kube/client';
import type { KObject } from '../../../kube/registry/types';
import { Cache } from '../runtime/cache';
import { Expectations } from '../runtime/expectations';
import type { ReconcileContext } from '../runtime/types';
import { garbageCollector } from './garbage-collector';

const owner: KObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'ns1', uid: 'd1', deletionTimestamp: '2026-11-27T12:00:00Z', finalizers: ['orphan'] },
};
const rs = (name: string, ownerUid: string): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, namespace: 'ns1', uid: `rs-${name}`, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'x', uid: ownerUid, controller: true }] },
});

function world(live: KObject[]) {
  const calls: string[] = [];
  const api = {
    list: async (path: string) => {
      calls.push(`LIST ${path}`);
      return { metadata: {}, items: path.endsWith('/replicasets') ? live : [] };
    },
    patch: async (path: string, body: unknown) => {
      calls.push(`PATCH ${path} ${JSON.stringify(body)}`);
      return {};
    },
    delete: async (path: string) => {
      calls.push(`DELETE ${path}`);
      return {};
    },
    getOrNull: async () => null,
  };
  const cache = new Cache();
  cache.apply('apps/deployments', 'ADDED', owner);
  const ctx: ReconcileContext = { api: api as unknown as ApiClient, cache, expectations: new Expectations(), now: Date.now(), event: () => undefined };
  return { calls, ctx };
}

describe('garbage collector: orphan deletion', () => {
  it('orphans a dependent the cache has not seen before removing the owner’s orphan finalizer', async () => {
    const { calls, ctx } = world([rs('web-1', 'd1'), rs('other-1', 'd2')]);
    await garbageCollector.reconcile('graph', ctx);
    const patches = calls.filter((c) => c.startsWith('PATCH'));
    expect(patches).toEqual([
      'PATCH /apis/apps/v1/namespaces/ns1/replicasets/web-1 {"metadata":{"ownerReferences":[{"$patch":"delete","uid":"d1"}]}}',
      'PATCH /apis/apps/v1/namespaces/ns1/deployments/web {"metadata":{"$deleteFromPrimitiveList/finalizers":["orphan"]}}',
    ]);
    // Only the owner's namespace is listed, never the whole cluster.
    expect(calls.filter((c) => c.startsWith('LIST')).every((c) => c.includes('/namespaces/ns1/'))).toBe(true);
    expect(calls.some((c) => c.startsWith('DELETE'))).toBe(false);
  });

  it('removes the finalizer at once when nothing references the owner', async () => {
    const { calls, ctx } = world([rs('other-1', 'd2')]);
    await garbageCollector.reconcile('graph', ctx);
    expect(calls.filter((c) => c.startsWith('PATCH'))).toEqual(['PATCH /apis/apps/v1/namespaces/ns1/deployments/web {"metadata":{"$deleteFromPrimitiveList/finalizers":["orphan"]}}']);
  });
});
