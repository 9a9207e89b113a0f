import { describe, expect, it } from 'vitest';
import { controllerRef } from '../common/controller-ref';
import type { KObject } from '../common/types';
import { T0 } from '../testing/builders';
import { collectGarbage, type GCAction } from './decide';
import { decideDelete, FOREGROUND_FINALIZER, ORPHAN_FINALIZER, type PropagationPolicy } from './deletion';

function obj(kind: string, name: string, owners: KObject[] = [], extra: Partial<KObject['metadata']> = {}, block = true): KObject {
  const o: KObject = { apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1', kind, metadata: { name, namespace: 'default', uid: `uid-${name}`, ...extra } };
  if (owners.length) o.metadata.ownerReferences = owners.map((w) => ({ ...controllerRef(w), blockOwnerDeletion: block }));
  return o;
}

describe('decideDelete: what a DELETE does', () => {
  it.each([
    { name: 'Background without finalizers removes at once', policy: 'Background', fins: [], want: { remove: true } },
    { name: 'no policy behaves as Background', policy: undefined, fins: [], want: { remove: true } },
    { name: 'Background with other finalizers only marks', policy: 'Background', fins: ['x'], want: { remove: false, finalizers: ['x'] } },
    { name: 'Foreground adds foregroundDeletion', policy: 'Foreground', fins: [], want: { remove: false, finalizers: [FOREGROUND_FINALIZER] } },
    { name: 'Orphan adds orphan', policy: 'Orphan', fins: [], want: { remove: false, finalizers: [ORPHAN_FINALIZER] } },
    { name: 'Orphan after Foreground swaps the finalizer', policy: 'Orphan', fins: [FOREGROUND_FINALIZER], want: { remove: false, finalizers: [ORPHAN_FINALIZER] } },
    { name: 'an explicit Background after Orphan removes it', policy: 'Background', fins: [ORPHAN_FINALIZER], want: { remove: true } },
  ])('$name', ({ policy, fins, want }) => {
    const d = decideDelete(obj('Deployment', 'web', [], { finalizers: fins }), policy as PropagationPolicy | undefined, T0);
    expect(d).toMatchObject(want);
    if (!d.remove) expect(d.deletionTimestamp).toBe('2024-01-01T00:00:00Z');
  });
});

describe('collectGarbage: one decision per object', () => {
  const owner = obj('ReplicaSet', 'rs');
  const deleting = (policy: string) => obj('ReplicaSet', 'rs', [], { deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: [policy] });
  const brief = (acts: GCAction[]) => acts.map((a) => `${a.type} ${a.object.name}${'finalizer' in a ? ` ${a.finalizer}` : ''}${'propagationPolicy' in a ? ` ${a.propagationPolicy}` : ''}${'ownerUids' in a ? ` ${a.ownerUids.join(',')}` : ''}`);

  it.each([
    { name: 'a dependent of a live owner is kept', objects: () => [owner, obj('Pod', 'p', [owner])], want: [] },
    { name: 'a dependent whose owner is gone is deleted in background', objects: () => [obj('Pod', 'p', [owner])], want: ['delete p Background'] },
    {
      name: 'a dependent whose owner uid now names another object is dangling',
      objects: () => [{ ...owner, metadata: { ...owner.metadata, uid: 'uid-new' } }, obj('Pod', 'p', [owner])],
      want: ['delete p Background'],
    },
    { name: 'a dependent with one live and one gone owner only drops the dangling reference', objects: () => [owner, obj('Pod', 'p', [owner, obj('ReplicaSet', 'gone')])], want: ['removeOwnerReferences p uid-gone'] },
    { name: 'an owner deleting in foreground gets its dependents deleted', objects: () => [deleting(FOREGROUND_FINALIZER), obj('Pod', 'p', [owner])], want: ['delete p Background'] },
    { name: 'the foreground owner lets go when no blocking dependent remains', objects: () => [deleting(FOREGROUND_FINALIZER), obj('Pod', 'p', [owner], {}, false)], want: ['removeFinalizer rs foregroundDeletion', 'delete p Background'] },
    { name: 'the foreground owner waits while a blocking dependent is being deleted', objects: () => [deleting(FOREGROUND_FINALIZER), obj('Pod', 'p', [owner], { deletionTimestamp: 'x', finalizers: ['f'] })], want: [] },
    { name: 'an orphaning owner strips its dependents and then its finalizer', objects: () => [deleting(ORPHAN_FINALIZER), obj('Pod', 'a', [owner]), obj('Pod', 'b', [owner])], want: ['removeOwnerReferences a uid-rs', 'removeOwnerReferences b uid-rs', 'removeFinalizer rs orphan'] },
    { name: 'an object being deleted without GC finalizers is left alone', objects: () => [obj('Pod', 'p', [], { deletionTimestamp: 'x', finalizers: ['kubernetes.io/pvc'] })], want: [] },
  ])('$name', ({ objects, want }) => {
    expect(brief(collectGarbage(objects()))).toEqual(want);
  });

  it('a middle object whose owner deletes in foreground is itself deleted in foreground', () => {
    const d = obj('Deployment', 'd', [], { deletionTimestamp: 'x', finalizers: [FOREGROUND_FINALIZER] });
    const rs = obj('ReplicaSet', 'rs', [d]);
    const p = obj('Pod', 'p', [rs]);
    expect(brief(collectGarbage([d, rs, p]))).toEqual(['delete rs Foreground']);
  });

  it('breaks a foreground cycle by unblocking before deleting', () => {
    const a = obj('ReplicaSet', 'a', [], { deletionTimestamp: 'x', finalizers: [FOREGROUND_FINALIZER] });
    const b = obj('ReplicaSet', 'b', [a]);
    const c = obj('ReplicaSet', 'c', [b], { deletionTimestamp: 'x', finalizers: [FOREGROUND_FINALIZER] });
    expect(brief(collectGarbage([a, b, c]))).toContain('unblockOwnerReferences b uid-a');
  });

  it('a dangling delete names the owners to confirm gone', () => {
    const [act] = collectGarbage([obj('Pod', 'p', [owner], { resourceVersion: '7' })]);
    expect(act).toMatchObject({ type: 'delete', resourceVersion: '7', danglingOwners: [{ uid: 'uid-rs', kind: 'ReplicaSet', name: 'rs' }] });
  });
});

/** Plays API server and collector until nothing is left to do. */
function run(objects: KObject[], target: string, policy: PropagationPolicy): { left: string[]; order: string[]; refs: number } {
  let store = structuredClone(objects);
  const order: string[] = [];
  const del = (name: string, p: PropagationPolicy | undefined) => {
    const o = store.find((x) => x.metadata.name === name)!;
    const d = decideDelete(o, p, T0);
    if (d.remove) {
      store = store.filter((x) => x !== o);
      order.push(name);
    } else Object.assign(o.metadata, { finalizers: d.finalizers, deletionTimestamp: d.deletionTimestamp });
  };
  const find = (uid: string) => store.find((x) => x.metadata.uid === uid);
  del(target, policy);
  for (let i = 0; i < 20; i++) {
    const acts = collectGarbage(store);
    if (!acts.length) break;
    for (const a of acts) {
      const o = find(a.object.uid);
      if (!o) continue;
      if (a.type === 'delete') del(o.metadata.name!, a.propagationPolicy);
      else if (a.type === 'removeOwnerReferences') o.metadata.ownerReferences = o.metadata.ownerReferences?.filter((r) => !a.ownerUids.includes(r.uid));
      else if (a.type === 'unblockOwnerReferences') o.metadata.ownerReferences = o.metadata.ownerReferences?.map((r) => (a.ownerUids.includes(r.uid) ? { ...r, blockOwnerDeletion: false } : r));
      else if (a.type === 'removeFinalizer') {
        o.metadata.finalizers = o.metadata.finalizers?.filter((f) => f !== a.finalizer);
        if (!o.metadata.finalizers?.length && o.metadata.deletionTimestamp) del(o.metadata.name!, undefined);
      }
    }
  }
  return { left: store.map((o) => o.metadata.name!).sort(), order, refs: store.filter((o) => o.metadata.ownerReferences?.some((r) => r.uid === 'uid-d')).length };
}

describe('cascading deletion end to end', () => {
  const d = obj('Deployment', 'd');
  const rs = obj('ReplicaSet', 'rs', [d]);
  const pods = [obj('Pod', 'p1', [rs]), obj('Pod', 'p2', [rs])];
  const other = obj('Pod', 'other');
  const world = [d, rs, ...pods, other];

  it('Background removes the owner first, then its dependents', () => {
    const r = run(world, 'd', 'Background');
    expect(r.left).toEqual(['other']);
    expect(r.order[0]).toBe('d');
  });

  it('Foreground removes the dependents first and the owner last', () => {
    const r = run(world, 'd', 'Foreground');
    expect(r.left).toEqual(['other']);
    expect(r.order.at(-1)).toBe('d');
    expect(r.order.indexOf('rs')).toBeGreaterThan(r.order.indexOf('p1'));
  });

  it('Orphan removes only the owner and leaves its dependents without the reference', () => {
    const r = run(world, 'd', 'Orphan');
    expect(r.left).toEqual(['other', 'p1', 'p2', 'rs']);
    expect(r.order).toEqual(['d']);
    expect(r.refs).toBe(0);
  });
});
