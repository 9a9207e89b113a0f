import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../kube/client';
import { StatusError } from '../../../kube/status';
import { SchedulingQueue } from '../queue';
import { NODES, PODS, SchedulerCache } from '.';
import { Feed } from './feed';

const node = (name: string, rv: number) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, resourceVersion: String(rv) }, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } });
const pod = (name: string, rv: number) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: name, resourceVersion: String(rv) }, spec: { containers: [{ name: 'c', image: 'x' }] } });

/** An API whose lists and change pages are scripted; records the paths read. */
function scriptedApi(lists: Record<string, { rv: number; items: unknown[] }>, pages: unknown[]) {
  const reads: string[] = [];
  const api = {
    list: async (path: string) => {
      reads.push(path);
      const l = lists[path];
      return { metadata: { resourceVersion: String(l.rv) }, items: l.items };
    },
    get: async (path: string) => {
      reads.push(path);
      const next = pages.shift();
      if (next instanceof Error) throw next;
      return next;
    },
  } as unknown as ApiClient;
  return { api, reads };
}

describe('Feed.catchUp', () => {
  it('lists each resource once, then reads both with one request per page from the older cursor, skipping what a list already held', async () => {
    const { api, reads } = scriptedApi(
      { '/api/v1/pods': { rv: 5, items: [] }, '/api/v1/nodes': { rv: 7, items: [node('n1', 6)] } },
      [
        {
          metadata: { resourceVersion: '9', more: false },
          items: [
            { type: 'ADDED', resource: NODES, revision: 6, object: node('n1', 6) }, // already in the nodes list
            { type: 'ADDED', resource: PODS, revision: 7, object: pod('p1', 7) },
            { type: 'ADDED', resource: NODES, revision: 8, object: node('n2', 8) },
          ],
        },
        { metadata: { resourceVersion: '12', more: false }, items: [] },
        { metadata: { resourceVersion: '14', more: false }, items: [] },
      ],
    );
    const cache = new SchedulerCache(new SchedulingQueue());
    const feed = new Feed(api, cache);
    await feed.catchUp([PODS, NODES]);
    expect(reads).toEqual(['/api/v1/pods', '/api/v1/nodes', '/apis/kubeflare.dev/v1/changes?resource=pods,nodes&after=5&limit=1000']);
    expect(cache.snapshot.nodes.map((n) => n.name).sort()).toEqual(['n1', 'n2']);
    expect(cache.objects.get(PODS, 'default/p1')).toBeDefined();
    expect(feed.changes).toBe(2);
    await feed.catchUp([PODS, NODES]);
    expect(reads.at(-1)).toBe('/apis/kubeflare.dev/v1/changes?resource=pods,nodes&after=9&limit=1000');
    // After a poke for revision 14 the read needs the changes through it (the API may answer from memory).
    await feed.catchUp([PODS, NODES], 14);
    expect(reads.at(-1)).toBe('/apis/kubeflare.dev/v1/changes?resource=pods,nodes&after=12&limit=1000&atLeast=14');
  });

  it('relists every resource read together when the cursor was compacted away', async () => {
    const { api, reads } = scriptedApi({ '/api/v1/pods': { rv: 5, items: [] }, '/api/v1/nodes': { rv: 5, items: [] } }, [new StatusError(410, 'Expired', 'too old resource version: 5 (9)')]);
    const feed = new Feed(api, new SchedulerCache(new SchedulingQueue()));
    await feed.catchUp([PODS, NODES]);
    // Listed on the cold start, then again after the 410.
    expect(reads).toEqual(['/api/v1/pods', '/api/v1/nodes', '/apis/kubeflare.dev/v1/changes?resource=pods,nodes&after=5&limit=1000', '/api/v1/pods', '/api/v1/nodes']);
    expect(feed.relists).toBe(4);
  });
});
