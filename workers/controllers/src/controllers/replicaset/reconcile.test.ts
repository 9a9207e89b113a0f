import { describe, expect, it } from 'vitest';
import { at, pod, replicaSet, ts } from '../testing/builders';
import { podFromTemplate } from './pod-template';
import { reconcileReplicaSet } from './reconcile';

const names = (pods: { metadata: { name?: string } }[]) => pods.map((p) => p.metadata.name);

describe('reconcileReplicaSet: replica counts', () => {
  const rs = replicaSet('web', { replicas: 3 });
  const owned = (name: string, o = {}) => pod(name, { owner: rs, ...o });

  it.each([
    { name: 'creates the missing pods when it has too few', pods: [owned('a')], create: 2, batches: [1, 1], del: [] },
    { name: 'does nothing when it has exactly enough', pods: [owned('a'), owned('b'), owned('c')], create: 0, batches: [], del: [] },
    {
      name: 'deletes the least useful pods when it has too many',
      pods: [owned('a', { node: 'n', readySince: 1 }), owned('b'), owned('c', { node: 'n', readySince: 1 }), owned('d', { node: 'n', phase: 'Running' }), owned('e', { node: 'n', readySince: 1 })],
      create: 0,
      batches: [],
      del: ['b', 'd'],
    },
    { name: 'does not count finished pods', pods: [owned('a'), owned('b', { phase: 'Failed' }), owned('c', { phase: 'Succeeded' })], create: 2, batches: [1, 1], del: [] },
    { name: 'does not count pods being deleted', pods: [owned('a'), owned('b', { deleting: true })], create: 2, batches: [1, 1], del: [] },
  ])('$name', ({ pods, create, batches, del }) => {
    const d = reconcileReplicaSet(rs, pods, at(100));
    expect(d.create).toBe(create);
    expect(d.createBatches).toEqual(batches);
    expect(names(d.delete)).toEqual(del);
  });

  it('caps one pass at the burst size', () => {
    const big = replicaSet('big', { replicas: 1000 });
    const d = reconcileReplicaSet(big, [], at(0));
    expect(d.create).toBe(500);
    expect(d.createBatches).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 245]);
  });

  it('leaves counts alone while expectations are unsatisfied, but still reports status', () => {
    const d = reconcileReplicaSet(rs, [owned('a')], at(0), { expectationsSatisfied: false });
    expect(d.create).toBe(0);
    expect(d.status.replicas).toBe(1);
  });

  it('a ReplicaSet being deleted neither creates, deletes, adopts nor releases', () => {
    const dying = { ...replicaSet('web', { replicas: 3 }), metadata: { ...rs.metadata, deletionTimestamp: ts(0) } };
    const d = reconcileReplicaSet(dying, [pod('orphan'), pod('mine', { owner: rs, labels: { app: 'other' } })], at(0));
    expect([d.create, d.delete, d.adopt, d.release]).toEqual([0, [], [], []]);
  });
});

describe('reconcileReplicaSet: adoption and release', () => {
  const rs = replicaSet('web', { replicas: 2 });
  const other = replicaSet('other', { uid: 'uid-other' });

  it.each([
    { name: 'adopts a matching orphan', p: pod('o'), adopt: ['o'], release: [], counted: 1 },
    { name: 'does not adopt a pod controlled by another owner', p: pod('x', { owner: other }), adopt: [], release: [], counted: 0 },
    { name: 'does not adopt an orphan that does not match', p: pod('n', { labels: { app: 'db' } }), adopt: [], release: [], counted: 0 },
    { name: 'releases an owned pod whose labels no longer match', p: pod('r', { owner: rs, labels: { app: 'db' } }), adopt: [], release: ['r'], counted: 0 },
    { name: 'keeps an owned matching pod', p: pod('k', { owner: rs }), adopt: [], release: [], counted: 1 },
    { name: 'does not adopt a terminating orphan', p: pod('t', { deleting: true }), adopt: [], release: [], counted: 0 },
  ])('$name', ({ p, adopt, release, counted }) => {
    const d = reconcileReplicaSet(rs, [p], at(0));
    expect(names(d.adopt)).toEqual(adopt);
    expect(names(d.release)).toEqual(release);
    expect(d.status.replicas).toBe(counted);
  });
});

describe('reconcileReplicaSet: status', () => {
  it('counts replicas, fully labeled, ready and available (with minReadySeconds) and the generation', () => {
    const rs = replicaSet('web', { replicas: 4, minReadySeconds: 10, generation: 7 });
    rs.spec!.template!.metadata!.labels = { app: 'web', tier: 'front' };
    const pods = [
      pod('available', { owner: rs, readySince: 0, labels: { app: 'web', tier: 'front' } }),
      pod('ready-recently', { owner: rs, readySince: 95 }),
      pod('exactly-ten', { owner: rs, readySince: 90 }),
      pod('pending', { owner: rs }),
    ];
    const d = reconcileReplicaSet(rs, pods, at(100));
    expect(d.status).toEqual({ replicas: 4, fullyLabeledReplicas: 1, readyReplicas: 3, availableReplicas: 1, observedGeneration: 7 });
    // ready-recently becomes available 10s after 95: look again in 5s.
    expect(d.requeueAfterSeconds).toBe(1);
  });

  it('without minReadySeconds every ready pod is available and no requeue is needed', () => {
    const rs = replicaSet('web', { replicas: 1 });
    const d = reconcileReplicaSet(rs, [pod('a', { owner: rs, readySince: 99 })], at(100));
    expect(d.status.availableReplicas).toBe(1);
    expect(d.requeueAfterSeconds).toBeUndefined();
  });
});

describe('podFromTemplate', () => {
  it('builds a pod named after the ReplicaSet, labelled and controlled by it', () => {
    const rs = replicaSet('web-5d59d67564', { labels: { app: 'web', 'pod-template-hash': '5d59d67564' } });
    rs.spec!.template!.metadata!.annotations = { note: 'x' };
    const p = podFromTemplate(rs);
    expect(p.metadata).toEqual({
      generateName: 'web-5d59d67564-',
      namespace: 'default',
      labels: { app: 'web', 'pod-template-hash': '5d59d67564' },
      annotations: { note: 'x' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d59d67564', uid: 'uid-web-5d59d67564', controller: true, blockOwnerDeletion: true }],
    });
    expect(p.spec).toEqual(rs.spec!.template!.spec);
    expect(p.spec).not.toBe(rs.spec!.template!.spec);
  });
});
