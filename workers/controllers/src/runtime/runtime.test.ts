import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../../kube/client';
import { ControllerRuntime, FULL_CATCH_UP_MS, UNSUBSCRIBED_EVERY_MS } from './runtime';
import type { ControllerSpec } from './types';

/** An API with empty lists and change pages that counts the reads per resource. */
function countingApi() {
  const reads: string[] = [];
  const api = {
    list: async (path: string) => {
      reads.push(`list ${path}`);
      return { metadata: { resourceVersion: '10' }, items: [] };
    },
    get: async (path: string) => {
      const q = new URL(path, 'https://x').searchParams;
      reads.push(`changes ${q.get('resource')}${q.has('atLeast') ? ` atLeast=${q.get('atLeast')}` : ''}`);
      return { metadata: { resourceVersion: '10', more: false }, items: [] };
    },
    request: async (method: string, path: string) => {
      reads.push(`${method} ${path}`);
      return new Response('{}');
    },
  } as unknown as ApiClient;
  return { api, reads };
}

const spec: ControllerSpec = {
  name: 'test',
  watches: [
    { resource: 'apps/replicasets', listPath: '/apis/apps/v1/replicasets' },
    { resource: 'pods', listPath: '/api/v1/pods' },
    { resource: 'coordination.k8s.io/leases', listPath: '/apis/coordination.k8s.io/v1/leases', poke: false },
  ],
  keysFor: () => [],
  reconcile: async () => undefined,
};

describe('ControllerRuntime catch-up', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => vi.useRealTimers());

  it('lists everything on a cold start', async () => {
    const { api, reads } = countingApi();
    await new ControllerRuntime(spec, api).run();
    expect(reads).toEqual(['list /apis/apps/v1/replicasets', 'list /api/v1/pods', 'list /apis/coordination.k8s.io/v1/leases']);
  });

  it('reads only the poked resources, the unsubscribed ones at most every second, and everything again after the full catch-up interval', async () => {
    const { api, reads } = countingApi();
    const rt = new ControllerRuntime(spec, api);
    await rt.run();
    reads.length = 0;

    // Poked within a second of the last read of the unsubscribed resources: only the poked one.
    vi.setSystemTime(1_000_000 + 100);
    rt.poked('pods');
    await rt.run();
    expect(reads).toEqual(['changes pods']);

    // A second later the unsubscribed ones come along.
    reads.length = 0;
    vi.setSystemTime(1_000_000 + UNSUBSCRIBED_EVERY_MS);
    rt.poked('pods');
    await rt.run();
    expect(reads).toEqual(['changes pods', 'changes coordination.k8s.io/leases']);

    // A round with no poke (a requeue) reads nothing within the second, the unsubscribed ones after it.
    reads.length = 0;
    await rt.run();
    expect(reads).toEqual([]);
    vi.setSystemTime(1_000_000 + 2 * UNSUBSCRIBED_EVERY_MS);
    await rt.run();
    expect(reads).toEqual(['changes coordination.k8s.io/leases']);

    // A lost poke costs at most FULL_CATCH_UP_MS: then every resource is read.
    reads.length = 0;
    vi.setSystemTime(1_000_000 + FULL_CATCH_UP_MS);
    await rt.run();
    expect(reads).toEqual(['changes apps/replicasets', 'changes pods', 'changes coordination.k8s.io/leases']);
  });

  it('reads a resource with pokeIntervalMs at most that often, and asks to be woken when a held-back poke is due', async () => {
    const { api, reads } = countingApi();
    const slow: ControllerSpec = { ...spec, watches: [spec.watches[0], { ...spec.watches[1], pokeIntervalMs: 250 }] };
    const rt = new ControllerRuntime(slow, api);
    await rt.run();
    reads.length = 0;

    // The cold start read pods at 1_000_000: a poke 100 ms later waits, and the wake-up is when it is due.
    vi.setSystemTime(1_000_000 + 100);
    rt.poked('pods');
    rt.poked('apps/replicasets');
    const wake = await rt.run();
    expect(reads).toEqual(['changes apps/replicasets']);
    expect(wake).toBe(1_000_000 + 250);

    // At the wake-up (no new poke), the held-back one is read, and nothing is held any more.
    reads.length = 0;
    vi.setSystemTime(1_000_000 + 250);
    const next = await rt.run();
    expect(reads).toEqual(['changes pods']);
    expect(next).toBeGreaterThan(1_000_000 + 250 + 1_000);
  });

  it('reads a resource it wrote at the next round, whatever its poke interval, so it sees its own writes', async () => {
    const { api, reads } = countingApi();
    let writes = 1;
    const writer: ControllerSpec = {
      ...spec,
      watches: [spec.watches[0], { ...spec.watches[1], pokeIntervalMs: 10_000 }],
      keysFor: () => [],
      reconcile: async (_key, ctx) => {
        if (writes-- > 0) await ctx.api.request('POST', '/api/v1/namespaces/default/pods', {});
        return { requeueAfterMs: 0 };
      },
    };
    const rt = new ControllerRuntime(writer, api);
    rt.queue.add('default/job');
    await rt.run();
    expect(reads).toContain('POST /api/v1/namespaces/default/pods');
    reads.length = 0;
    vi.setSystemTime(1_000_000 + 100);
    await rt.run();
    // Read although the interval has not passed; the round after (no write) reads nothing.
    expect(reads).toEqual(['changes pods']);
    reads.length = 0;
    vi.setSystemTime(1_000_000 + 200);
    await rt.run();
    expect(reads).toEqual([]);
  });

  it('asks for the changes through the newest poked revision only when pokes alone make the read', async () => {
    const { api, reads } = countingApi();
    let writes = 1;
    const writer: ControllerSpec = {
      ...spec,
      reconcile: async (_key, ctx) => {
        if (writes-- > 0) await ctx.api.request('POST', '/api/v1/namespaces/default/pods', {});
        return {};
      },
    };
    const rt = new ControllerRuntime(writer, api);
    await rt.run();
    reads.length = 0;

    // Two pokes coalesce into one read that needs the newer revision.
    vi.setSystemTime(1_000_000 + 100);
    rt.poked('pods', 41);
    rt.poked('pods', 40);
    await rt.run();
    expect(reads).toEqual(['changes pods atLeast=41']);

    // After its own write the controller must see that write, whose revision it does not know: no atLeast.
    reads.length = 0;
    rt.queue.add('default/job');
    await rt.run();
    reads.length = 0;
    vi.setSystemTime(1_000_000 + 200);
    rt.poked('pods', 50);
    await rt.run();
    expect(reads).toEqual(['changes pods']);

    // A poke without a revision, and the full catch-up (a poke may have been lost), read to the newest.
    reads.length = 0;
    vi.setSystemTime(1_000_000 + 300);
    rt.poked('pods');
    await rt.run();
    expect(reads).toEqual(['changes pods']);
    reads.length = 0;
    rt.poked('pods', 60);
    vi.setSystemTime(1_000_000 + FULL_CATCH_UP_MS);
    await rt.run();
    expect(reads).toEqual(['changes apps/replicasets', 'changes pods', 'changes coordination.k8s.io/leases']);
  });

  it('keeps a poke that arrives during a round for the next one', async () => {
    const { reads } = countingApi();
    let rt!: ControllerRuntime;
    let poked = false;
    const api = {
      list: async () => ({ metadata: { resourceVersion: '10' }, items: [] }),
      get: async (path: string) => {
        await Promise.resolve(); // a request is answered on a later turn
        const resource = new URL(path, 'https://x').searchParams.get('resource')!;
        reads.push(resource);
        // The replicasets poke lands while pods are being read.
        if (resource === 'pods' && !poked) {
          poked = true;
          rt.poked('apps/replicasets');
          void rt.run();
        }
        return { metadata: { resourceVersion: '11', more: false }, items: [] };
      },
    } as unknown as ApiClient;
    rt = new ControllerRuntime(spec, api);
    await rt.run();
    vi.setSystemTime(1_000_000 + 100);
    rt.poked('pods');
    await rt.run();
    // (The unsubscribed leases were read at the cold start, less than a second before.)
    expect(reads).toEqual(['pods', 'apps/replicasets']);
  });
});
