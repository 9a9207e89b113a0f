import { describe, expect, it } from 'vitest';
import { isPodReady } from '../common/pods';
import { deployment, replicaSet, T0 } from '../testing/builders';
import { Cluster } from '../testing/sim';
import { reconcileDeployment } from './reconcile';
import { DESIRED_REPLICAS, MAX_REPLICAS } from './revision';

describe('scaling and pausing', () => {
  it('a scale of a settled deployment resizes its one ReplicaSet and updates the size annotations', () => {
    const c = new Cluster(deployment('web', { replicas: 2 }));
    c.settle();
    c.edit((d) => (d.spec!.replicas = 5));
    c.settle();
    expect(c.rss).toHaveLength(1);
    expect(c.rss[0].spec?.replicas).toBe(5);
    expect(c.rss[0].metadata.annotations).toMatchObject({ [DESIRED_REPLICAS]: '5', [MAX_REPLICAS]: '7' });
    expect(c.pods.filter(isPodReady)).toHaveLength(5);
  });

  it('a paused deployment scales but does not roll out a template change; resume rolls it out', () => {
    const c = new Cluster(deployment('web', { replicas: 2, image: 'v1' }));
    c.settle();
    c.edit((d) => {
      d.spec!.paused = true;
      d.spec!.template!.spec!.containers[0].image = 'v2';
      d.spec!.replicas = 4;
    });
    c.settle();
    expect(c.rss).toHaveLength(1);
    expect(c.pods.map((p) => p.spec.containers[0].image)).toEqual(['v1', 'v1', 'v1', 'v1']);
    const progressing = () => c.d.status?.conditions?.find((x) => x.type === 'Progressing');
    expect(progressing()).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    c.edit((d) => (d.spec!.paused = false));
    c.deploymentPass();
    expect(progressing()).toMatchObject({ reason: 'NewReplicaSetCreated' });
    c.settle();
    expect(c.pods.map((p) => p.spec.containers[0].image)).toEqual(['v2', 'v2', 'v2', 'v2']);
  });

  it('a scale in the middle of a rollout is spread proportionally over the active ReplicaSets', () => {
    const d = deployment('web', { replicas: 10, maxSurge: 3, maxUnavailable: 2, image: 'new' });
    const rs = (name: string, replicas: number, image: string, created: number) => {
      const r = replicaSet(name, { owner: d, replicas, created, labels: { app: 'web' }, annotations: { [DESIRED_REPLICAS]: '10', [MAX_REPLICAS]: '13' } });
      r.spec!.template!.spec!.containers[0].image = image;
      r.status = { replicas, availableReplicas: replicas };
      return r;
    };
    const old = rs('web-old', 8, 'old', 0);
    const cur = { ...rs('web-new', 5, 'new', 1) };
    cur.spec!.template = structuredClone(d.spec!.template);
    // 20 replicas + surge 3: 23 allowed, 13 exist; each grows by its share of 23/13 (8 -> 14, 5 -> 9).
    d.spec!.replicas = 20;
    const res = reconcileDeployment(d, [old, cur], [], T0);
    const sizes = Object.fromEntries(res.actions.filter((a) => a.type === 'updateReplicaSet').map((a: any) => [a.replicaSet.metadata.name, a.replicaSet.spec.replicas]));
    expect(sizes).toEqual({ 'web-old': 14, 'web-new': 9 });
    for (const a of res.actions) if (a.type === 'updateReplicaSet') expect(a.replicaSet.metadata.annotations).toMatchObject({ [DESIRED_REPLICAS]: '20', [MAX_REPLICAS]: '23' });
  });

  it('scaling to zero mid-rollout empties every ReplicaSet', () => {
    const c = new Cluster(deployment('web', { replicas: 4, maxSurge: 1, maxUnavailable: 0, image: 'v1' }));
    c.settle();
    c.edit((d) => (d.spec!.template!.spec!.containers[0].image = 'v2'));
    c.deploymentPass();
    c.replicaSetPass();
    c.edit((d) => (d.spec!.replicas = 0));
    c.settle();
    expect(c.pods).toHaveLength(0);
    expect(c.rss.every((r) => r.spec?.replicas === 0)).toBe(true);
  });
});

describe('claiming ReplicaSets', () => {
  const d = deployment('web', { replicas: 1, image: 'v1' });
  it.each([
    { name: 'adopts a matching orphan ReplicaSet', owner: undefined, labels: { app: 'web' }, want: 'adoptReplicaSet' },
    { name: 'releases an owned ReplicaSet that no longer matches', owner: d, labels: { app: 'db' }, want: 'releaseReplicaSet' },
  ])('$name', ({ owner, labels, want }) => {
    const rs = replicaSet('web-x', { owner, labels });
    const res = reconcileDeployment(d, [rs], [], T0);
    const a = res.actions.find((x) => x.type === want);
    expect(a).toBeDefined();
    const refs = a && 'replicaSet' in a ? a.replicaSet.metadata.ownerReferences : undefined;
    expect(refs?.some((r) => r.uid === d.metadata.uid) ?? false).toBe(want === 'adoptReplicaSet');
  });

  it('ignores a ReplicaSet controlled by another owner', () => {
    const other = deployment('other');
    const rs = replicaSet('web-x', { owner: other, labels: { app: 'web' } });
    const res = reconcileDeployment(d, [rs], [], T0);
    expect(res.actions.filter((a) => a.type !== 'createReplicaSet' && a.type !== 'setDeploymentAnnotations' && a.type !== 'updateStatus')).toEqual([]);
  });
});
