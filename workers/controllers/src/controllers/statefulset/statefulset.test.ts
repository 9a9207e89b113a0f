import { describe, expect, it } from 'vitest';
import { REVISION_HASH_LABEL } from '../history/revisions';
import { ordinalOf, statefulClaims, statefulPod } from './identity';
import { planStatefulSet, type Revisions } from './plan';
import type { Pod, StatefulSet } from './types';

const NOW = new Date('2026-11-26T12:00:00Z');
const ago = (s: number) => new Date(NOW.getTime() - s * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

function set(extra: Partial<NonNullable<StatefulSet['spec']>> = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default', uid: 'sts-1', generation: 1 },
    spec: {
      replicas: 3,
      serviceName: 'web',
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'web:1' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...extra,
    },
  };
}
const REV: Revisions = {
  current: { name: 'web-old', hash: 'old', template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'web:1' }] } } },
  update: { name: 'web-new', hash: 'new', template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'web:2' }] } } },
};
const SAME: Revisions = { current: REV.update, update: REV.update };
function pod(ordinal: number, hash = 'new', state: 'ready' | 'pending' | 'failed' | 'deleting' = 'ready'): Pod {
  return {
    metadata: { name: `web-${ordinal}`, namespace: 'default', labels: { app: 'web', [REVISION_HASH_LABEL]: hash }, ...(state === 'deleting' ? { deletionTimestamp: ago(1) } : {}) },
    spec: { containers: [] },
    status: state === 'pending' ? { phase: 'Pending' } : { phase: state === 'failed' ? 'Failed' : 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: ago(60) }] },
  } as Pod;
}
const names = (ps: { metadata: { name?: string } }[]) => ps.map((p) => p.metadata.name);

describe('identity', () => {
  it('names pods by ordinal, gives them a DNS identity and their own claims', () => {
    const p = statefulPod(set(), set().spec!.template!, 2, 'h');
    expect(p.metadata.name).toBe('web-2');
    expect(p.spec).toMatchObject({ hostname: 'web-2', subdomain: 'web' });
    expect(p.metadata.labels).toMatchObject({ 'statefulset.kubernetes.io/pod-name': 'web-2', 'apps.kubernetes.io/pod-index': '2', [REVISION_HASH_LABEL]: 'h' });
    expect((p.spec as { volumes?: unknown[] }).volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'data-web-2' } }]);
    expect(names(statefulClaims(set(), 2))).toEqual(['data-web-2']);
    expect(ordinalOf(set(), p)).toBe(2);
    expect(ordinalOf(set(), { metadata: { name: 'web-02' } } as Pod)).toBe(-1);
  });
  it('owns claims only when they are deleted with the set', () => {
    expect(statefulClaims(set(), 0)[0].metadata.ownerReferences).toBeUndefined();
    expect(statefulClaims(set({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' } }), 0)[0].metadata.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', uid: 'sts-1' });
  });
});

describe('planStatefulSet', () => {
  it('creates one pod at a time, in order, with its claim first (OrderedReady)', () => {
    const first = planStatefulSet(set(), [], [], SAME, NOW);
    expect(names(first.createPods)).toEqual(['web-0']);
    expect(names(first.createClaims)).toEqual(['data-web-0']);
    expect(names(planStatefulSet(set(), [pod(0, 'new', 'pending')], [], SAME, NOW).createPods)).toEqual([]);
    expect(names(planStatefulSet(set(), [pod(0)], [], SAME, NOW).createPods)).toEqual(['web-1']);
  });
  it('creates every missing pod at once with Parallel', () => {
    expect(names(planStatefulSet(set({ podManagementPolicy: 'Parallel' }), [], [], SAME, NOW).createPods)).toEqual(['web-0', 'web-1', 'web-2']);
  });
  it('scales down from the highest ordinal, one at a time, keeping claims by default', () => {
    const plan = planStatefulSet(set({ replicas: 1 }), [pod(0), pod(1), pod(2)], [], SAME, NOW);
    expect(names(plan.deletePods)).toEqual(['web-2']);
    expect(plan.deleteClaims).toEqual([]);
    const waiting = planStatefulSet(set({ replicas: 1 }), [pod(0), pod(1), pod(2, 'new', 'deleting')], [], SAME, NOW);
    expect(waiting.deletePods).toEqual([]);
  });
  it('deletes the claims of scaled-down ordinals when whenScaled is Delete', () => {
    const claims = [{ metadata: { name: 'data-web-2' } }];
    const plan = planStatefulSet(set({ replicas: 2, persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete' } }), [pod(0), pod(1), pod(2)], claims, SAME, NOW);
    expect(plan.deleteClaims).toEqual(['data-web-2']);
  });
  it('replaces a failed pod', () => {
    expect(names(planStatefulSet(set(), [pod(0), pod(1, 'new', 'failed'), pod(2)], [], SAME, NOW).deletePods)).toEqual(['web-1']);
  });
  it('updates from the highest ordinal down, one pod at a time, and stops at the partition', () => {
    const old = [pod(0, 'old'), pod(1, 'old'), pod(2, 'old')];
    expect(names(planStatefulSet(set(), old, [], REV, NOW).deletePods)).toEqual(['web-2']);
    const midway = [pod(0, 'old'), pod(1, 'old'), pod(2, 'new')];
    expect(names(planStatefulSet(set(), midway, [], REV, NOW).deletePods)).toEqual(['web-1']);
    const partitioned = set({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } });
    expect(planStatefulSet(partitioned, midway, [], REV, NOW).deletePods).toEqual([]);
  });
  it('recreates a pod below the partition at the current revision', () => {
    const partitioned = set({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } });
    const plan = planStatefulSet(partitioned, [pod(1, 'old'), pod(2, 'new')], [], REV, NOW);
    expect(plan.createPods[0].metadata.labels?.[REVISION_HASH_LABEL]).toBe('old');
  });
  it('reports the update complete once every replica runs the update revision', () => {
    const plan = planStatefulSet(set(), [pod(0), pod(1), pod(2)], [], REV, NOW);
    expect(plan.status).toMatchObject({ replicas: 3, readyReplicas: 3, updatedReplicas: 3, currentReplicas: 3, currentRevision: 'web-new', updateRevision: 'web-new' });
    const mid = planStatefulSet(set(), [pod(0, 'old'), pod(1), pod(2)], [], REV, NOW);
    expect(mid.status).toMatchObject({ updatedReplicas: 2, currentReplicas: 1, currentRevision: 'web-old', updateRevision: 'web-new' });
  });
  it('leaves old pods alone with OnDelete', () => {
    expect(planStatefulSet(set({ updateStrategy: { type: 'OnDelete' } }), [pod(0, 'old'), pod(1, 'old'), pod(2, 'old')], [], REV, NOW).deletePods).toEqual([]);
  });
});
