// The controller around the decisions: how it judges silence when its own round runs late, and when a
// renewal reached it late. Fake API (records writes), real cache.
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../kube/client';
import type { KObject } from '../../../kube/registry/types';
import { Cache } from '../runtime/cache';
import { Expectations } from '../runtime/expectations';
import type { ReconcileContext } from '../runtime/types';
import { createNodeLifecycleController } from './controller';
import { at, lease, node } from './testing';

const UNKNOWN = /^PATCH \/api\/v1\/nodes\/n1\/status .*"type":"Ready","status":"Unknown"/;

function world() {
  let clock = at(0);
  const writes: string[] = [];
  const api = {
    patch: async (path: string, body: unknown) => {
      writes.push(`PATCH ${path} ${JSON.stringify(body)}`);
      return {};
    },
    delete: async (path: string) => {
      writes.push(`DELETE ${path}`);
      return {};
    },
  };
  const controller = createNodeLifecycleController({ clock: () => clock });
  const cache = new Cache();
  const see = (resource: string, obj: KObject) => {
    const old = cache.apply(resource, 'MODIFIED', obj);
    return controller.keysFor(resource, obj, old, cache);
  };
  see('nodes', node('n1', { ready: 'True', zone: 'a' }));
  const ctx = (now: number, syncedAt: number): ReconcileContext => ({
    api: api as unknown as ApiClient,
    cache,
    expectations: new Expectations(),
    now,
    syncedAt,
    env: { NODE_MONITOR_GRACE_PERIOD_SECONDS: '40' },
    event: () => undefined,
  });
  return { writes, controller, see, ctx, setClock: (t: number) => (clock = t) };
}

describe('node lifecycle controller', () => {
  it('judges silence as of its last catch-up, so a round running late does not fail a node that may have renewed since', async () => {
    const w = world();
    w.setClock(at(0));
    expect(w.see('coordination.k8s.io/leases', lease('n1', 0))).toEqual(['n1']);
    // 50 s after the renewal, but the cache was last caught up at 10 s: no verdict on the 40 s since.
    const late = await w.controller.reconcile('n1', w.ctx(at(50), at(10)));
    expect(w.writes).toEqual([]);
    expect(late?.requeueAfterMs).toBe(50);
    // Caught up at 45 s and still nothing new: now it is silence.
    await w.controller.reconcile('n1', w.ctx(at(45), at(45)));
    expect(w.writes[0]).toMatch(UNKNOWN);
    // ...and the unreachable taint follows.
    expect(w.writes[1]).toMatch(/^PATCH \/api\/v1\/nodes\/n1 .*node.kubernetes.io\/unreachable/);
  });

  it('counts a renewal from when it arrived when it arrived late (slow API, skewed kubelet clock)', async () => {
    const w = world();
    // Stamped at 0 s by the kubelet, first seen at 30 s.
    w.setClock(at(30));
    w.see('coordination.k8s.io/leases', lease('n1', 0));
    const fresh = await w.controller.reconcile('n1', w.ctx(at(60), at(60)));
    expect(w.writes).toEqual([]);
    expect(fresh?.requeueAfterMs).toBe(10_050);
    await w.controller.reconcile('n1', w.ctx(at(71), at(71)));
    expect(w.writes[0]).toMatch(UNKNOWN);
  });

  it('keeps the first arrival time of a renewal that is seen again (a relist)', async () => {
    const w = world();
    w.setClock(at(30));
    w.see('coordination.k8s.io/leases', lease('n1', 0));
    // Seen again at 65 s: were that its arrival, the node would be fresh until 105 s.
    w.setClock(at(65));
    w.see('coordination.k8s.io/leases', lease('n1', 0));
    await w.controller.reconcile('n1', w.ctx(at(71), at(71)));
    expect(w.writes[0]).toMatch(UNKNOWN);
  });
});
