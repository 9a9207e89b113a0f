import { describe, expect, it } from 'vitest';
import { nodeShouldRunDaemonPod } from './eligibility';
import { daemonPod, daemonPodNode } from './pod-template';
import { planDaemonSet } from './plan';
import { planRevisions } from '../history/revisions';
import { REVISION_HASH_LABEL, type ControllerRevision, type DaemonNode, type DaemonSet, type Pod } from './types';

const NOW = new Date('2026-11-26T12:00:00Z');
const ago = (s: number) => new Date(NOW.getTime() - s * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

function ds(extra: Partial<NonNullable<DaemonSet['spec']>> = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'kube-system', uid: 'ds-1', generation: 2 },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'agent:1' }] } }, ...extra },
  };
}
const node = (name: string, extra: Partial<DaemonNode> = {}): DaemonNode => ({ metadata: { name, labels: { 'kubernetes.io/hostname': name } }, ...extra });
function pod(name: string, nodeName: string, hash: string, opts: { ready?: boolean; phase?: string; created?: number } = {}): Pod {
  return {
    metadata: { name, namespace: 'kube-system', labels: { app: 'agent', [REVISION_HASH_LABEL]: hash }, creationTimestamp: ago(opts.created ?? 100) },
    spec: { nodeName, containers: [] },
    status: { phase: opts.phase ?? 'Running', conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True', lastTransitionTime: ago(60) }] },
  } as Pod;
}

describe('nodeShouldRunDaemonPod', () => {
  it('runs on nodes its nodeSelector matches only', () => {
    const d = ds({ template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [], nodeSelector: { disk: 'ssd' } } } });
    expect(nodeShouldRunDaemonPod(node('a', { metadata: { name: 'a', labels: { disk: 'ssd' } } }), d)).toEqual({ shouldRun: true, shouldContinueRunning: true });
    expect(nodeShouldRunDaemonPod(node('b'), d)).toEqual({ shouldRun: false, shouldContinueRunning: false });
  });
  it('keeps a running pod on a node that gained an untolerated NoSchedule taint, but not NoExecute', () => {
    expect(nodeShouldRunDaemonPod(node('a', { spec: { taints: [{ key: 'gpu', effect: 'NoSchedule' }] } }), ds())).toEqual({ shouldRun: false, shouldContinueRunning: true });
    expect(nodeShouldRunDaemonPod(node('a', { spec: { taints: [{ key: 'gpu', effect: 'NoExecute' }] } }), ds())).toEqual({ shouldRun: false, shouldContinueRunning: false });
  });
  it('tolerates node condition taints and unschedulable nodes like every daemon pod', () => {
    const taints = [
      { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' },
    ];
    expect(nodeShouldRunDaemonPod(node('a', { spec: { taints, unschedulable: true } }), ds()).shouldRun).toBe(true);
  });
});

describe('daemonPod', () => {
  it('pins the pod to its node through required node affinity and labels the revision', () => {
    const p = daemonPod(ds(), 'n1', 'h1');
    expect(p.metadata.generateName).toBe('agent-');
    expect(p.metadata.labels).toMatchObject({ app: 'agent', [REVISION_HASH_LABEL]: 'h1', 'pod-template-generation': '2' });
    expect(p.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'DaemonSet', name: 'agent', uid: 'ds-1', controller: true });
    expect(daemonPodNode(p)).toBe('n1');
    expect(p.spec?.nodeName).toBeUndefined();
    expect((p.spec?.tolerations ?? []).map((t) => t.key)).toContain('node.kubernetes.io/unreachable');
  });
});

describe('planDaemonSet', () => {
  it('creates a pod on each eligible node without one and removes pods from nodes that left', () => {
    const plan = planDaemonSet(ds(), [node('a'), node('b')], [pod('p-a', 'a', 'h1'), pod('p-gone', 'gone', 'h1')], 'h1', NOW);
    expect(plan.create).toEqual(['b']);
    expect(plan.delete.map((d) => d.pod.metadata.name)).toEqual(['p-gone']);
    expect(plan.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 1, numberReady: 1, updatedNumberScheduled: 1, numberAvailable: 1, numberUnavailable: 1, observedGeneration: 2 });
  });
  it('deletes failed and duplicate pods, keeping the oldest', () => {
    const plan = planDaemonSet(ds(), [node('a'), node('b')], [pod('old', 'a', 'h1', { created: 500 }), pod('dup', 'a', 'h1', { created: 10 }), pod('bad', 'b', 'h1', { phase: 'Failed' })], 'h1', NOW);
    expect(plan.delete.map((d) => d.pod.metadata.name).sort()).toEqual(['bad', 'dup']);
    expect(plan.create).toEqual([]);
  });
  it('removes pods from nodes that stopped matching and counts them misscheduled', () => {
    const d = ds({ template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [], nodeSelector: { role: 'edge' } } } });
    const plan = planDaemonSet(d, [node('a')], [pod('p', 'a', 'h1')], 'h1', NOW);
    expect(plan.delete.map((x) => x.pod.metadata.name)).toEqual(['p']);
    expect(plan.status).toMatchObject({ desiredNumberScheduled: 0, numberMisscheduled: 1 });
  });
  it('rolls one node at a time with the default maxUnavailable 1', () => {
    const nodes = [node('a'), node('b'), node('c')];
    const pods = [pod('pa', 'a', 'old'), pod('pb', 'b', 'old'), pod('pc', 'c', 'old')];
    const plan = planDaemonSet(ds(), nodes, pods, 'new', NOW);
    expect(plan.delete).toHaveLength(1);
    expect(plan.status.updatedNumberScheduled).toBe(0);
  });
  it('replaces unavailable old pods at once, beyond maxUnavailable', () => {
    const nodes = [node('a'), node('b'), node('c')];
    const pods = [pod('pa', 'a', 'old', { ready: false }), pod('pb', 'b', 'old', { ready: false }), pod('pc', 'c', 'old')];
    const plan = planDaemonSet(ds(), nodes, pods, 'new', NOW);
    expect(plan.delete.map((d) => d.pod.metadata.name).sort()).toEqual(['pa', 'pb']);
  });
  it('surges: creates the new pod first and deletes the old one once the new one is available', () => {
    const d = ds({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } });
    const first = planDaemonSet(d, [node('a'), node('b')], [pod('pa', 'a', 'old'), pod('pb', 'b', 'old')], 'new', NOW);
    expect(first.create).toEqual(['a']);
    expect(first.delete).toEqual([]);
    const second = planDaemonSet(d, [node('a'), node('b')], [pod('pa', 'a', 'old'), pod('na', 'a', 'new'), pod('pb', 'b', 'old')], 'new', NOW);
    expect(second.delete.map((x) => x.pod.metadata.name)).toEqual(['pa']);
  });
  it('leaves old pods alone with OnDelete', () => {
    const plan = planDaemonSet(ds({ updateStrategy: { type: 'OnDelete' } }), [node('a')], [pod('pa', 'a', 'old')], 'new', NOW);
    expect(plan.delete).toEqual([]);
    expect(plan.create).toEqual([]);
  });
});

describe('planRevisions', () => {
  const rev = (hash: string, revision: number): ControllerRevision => ({ metadata: { name: `agent-${hash}`, labels: { [REVISION_HASH_LABEL]: hash } }, revision });
  it('creates the first revision for a new template', () => {
    const plan = planRevisions(ds(), [], 'h1', new Set());
    expect(plan.create).toMatchObject({ kind: 'ControllerRevision', metadata: { name: 'agent-h1' }, revision: 1 });
    expect((plan.create?.data as { spec: { template: { $patch: string } } }).spec.template.$patch).toBe('replace');
  });
  it('moves an old revision to the top when its template comes back (rollback)', () => {
    expect(planRevisions(ds(), [rev('h1', 1), rev('h2', 2)], 'h1', new Set(['h1'])).bump).toEqual({ name: 'agent-h1', revision: 3 });
  });
  it('prunes history beyond revisionHistoryLimit, never a revision pods still run', () => {
    const revs = [rev('a', 1), rev('b', 2), rev('c', 3), rev('d', 4)];
    expect(planRevisions(ds({ revisionHistoryLimit: 1 }), revs, 'd', new Set(['a'])).prune).toEqual(['agent-b']);
  });
});
