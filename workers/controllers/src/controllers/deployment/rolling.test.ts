import { describe, expect, it } from 'vitest';
import { isPodReady } from '../common/pods';
import { deployment, replicaSet, T0 } from '../testing/builders';
import { Cluster } from '../testing/sim';
import { POD_TEMPLATE_HASH } from './hash';
import { reconcileDeployment } from './reconcile';
import { fenceposts } from './util';

describe('rolling update, step by step', () => {
  it.each([
    { replicas: 3, maxSurge: '25%', maxUnavailable: '25%' },
    { replicas: 10, maxSurge: '25%', maxUnavailable: '25%' },
    { replicas: 10, maxSurge: 0, maxUnavailable: 3 },
    { replicas: 5, maxSurge: 2, maxUnavailable: 0 },
    { replicas: 4, maxSurge: 0, maxUnavailable: 0 },
    { replicas: 7, maxSurge: '50%', maxUnavailable: '30%' },
    { replicas: 1, maxSurge: 1, maxUnavailable: 0 },
  ])('$replicas replicas, surge $maxSurge, unavailable $maxUnavailable: stays within bounds and ends on the new template', (o) => {
    const c = new Cluster(deployment('web', o));
    c.settle();
    expect(c.pods.filter(isPodReady)).toHaveLength(o.replicas);
    c.edit((d) => (d.spec!.template!.spec!.containers[0].image = 'nginx:2'));
    const { maxSurge, maxUnavailable } = fenceposts(c.d);
    let steps = 0;
    c.settle(60, () => {
      steps++;
      const available = c.pods.filter(isPodReady).length;
      expect(c.pods.length).toBeLessThanOrEqual(o.replicas + maxSurge);
      expect(available).toBeGreaterThanOrEqual(o.replicas - maxUnavailable);
    });
    expect(steps).toBeGreaterThan(2);
    expect(c.pods).toHaveLength(o.replicas);
    expect(c.pods.every((p) => p.spec.containers[0].image === 'nginx:2')).toBe(true);
    expect(c.rss.map((r) => r.spec?.replicas)).toEqual([0, o.replicas]);
    const s = c.d.status!;
    expect([s.replicas, s.updatedReplicas, s.availableReplicas, s.observedGeneration]).toEqual([o.replicas, o.replicas, o.replicas, 2]);
    expect(s.conditions?.find((x) => x.type === 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
  });
});

describe('one rolling decision: which ReplicaSet to scale', () => {
  const d = deployment('web', { replicas: 10, maxSurge: 3, maxUnavailable: 2, image: 'nginx:2' });
  const tplOf = (image: string) => {
    const t = structuredClone(d.spec!.template!);
    t.spec!.containers[0].image = image;
    return t;
  };
  const owned = (name: string, image: string, replicas: number, available: number, created: number, pods = replicas) => {
    const rs = replicaSet(name, { owner: d, replicas, created, labels: { app: 'web' }, status: { replicas: pods, availableReplicas: available, readyReplicas: available } });
    rs.spec!.template = tplOf(image);
    rs.spec!.selector = { matchLabels: { app: 'web' } };
    rs.metadata.annotations = { 'deployment.kubernetes.io/revision': name.endsWith('new') ? '2' : '1', 'deployment.kubernetes.io/desired-replicas': '10', 'deployment.kubernetes.io/max-replicas': '13' };
    return rs;
  };
  const sizes = (acts: ReturnType<typeof reconcileDeployment>['actions']) =>
    Object.fromEntries(acts.filter((a) => a.type === 'updateReplicaSet' || a.type === 'createReplicaSet').map((a: any) => [a.replicaSet.metadata.name, a.replicaSet.spec.replicas]));

  it.each([
    { name: 'creates the new ReplicaSet at the surge when only the old one exists', rss: () => [owned('web-old', 'nginx:1', 10, 10, 0)], want: { created: 3 } },
    { name: 'scales the new ReplicaSet up to the surge limit', rss: () => [owned('web-old', 'nginx:1', 10, 10, 0), owned('web-new', 'nginx:2', 1, 0, 5)], want: { 'web-new': 3 } },
    { name: 'scales old down by the available surplus over the minimum', rss: () => [owned('web-old', 'nginx:1', 10, 10, 0), owned('web-new', 'nginx:2', 3, 0, 5)], want: { 'web-old': 8 } },
    { name: 'waits when the new pods are not available and the old are at the minimum', rss: () => [owned('web-old', 'nginx:1', 8, 8, 0), owned('web-new', 'nginx:2', 5, 0, 5)], want: {} },
    {
      name: 'does not trust a lagging status that counts more available pods than an old ReplicaSet now wants',
      rss: () => [owned('web-old', 'nginx:1', 8, 10, 0), owned('web-new', 'nginx:2', 5, 3, 5)],
      want: { 'web-old': 5 },
    },
    {
      // Sizes sum to 10 of 13, but the old ReplicaSet still has its 10 pods: growing now would run 16.
      name: 'does not grow the new ReplicaSet while a scaled-down old one still has its pods',
      rss: () => [owned('web-old', 'nginx:1', 7, 10, 0, 10), owned('web-new', 'nginx:2', 3, 3, 5)],
      want: { 'web-old': 5 },
    },
    {
      name: 'grows the new ReplicaSet once the old one has deleted its pods',
      rss: () => [owned('web-old', 'nginx:1', 7, 7, 0), owned('web-new', 'nginx:2', 3, 3, 5)],
      want: { 'web-new': 6 },
    },
    { name: 'removes unavailable old pods first, oldest ReplicaSet first', rss: () => [owned('web-old', 'nginx:1', 4, 2, 0), owned('web-mid', 'nginx:3', 4, 4, 1), owned('web-new', 'nginx:2', 5, 4, 5)], want: { 'web-old': 0 } },
  ])('$name', ({ rss, want }) => {
    const res = reconcileDeployment(d, rss(), [], T0);
    const got = sizes(res.actions);
    if ('created' in want) {
      const created = res.actions.find((a) => a.type === 'createReplicaSet')!;
      expect(created.replicaSet.spec?.replicas).toBe(want.created);
      expect(created.replicaSet.metadata.labels?.[POD_TEMPLATE_HASH]).toBeDefined();
      expect(created.replicaSet.spec?.selector?.matchLabels?.[POD_TEMPLATE_HASH]).toBe(created.replicaSet.metadata.labels?.[POD_TEMPLATE_HASH]);
      expect(created.replicaSet.metadata.name).toBe(`web-${created.replicaSet.metadata.labels?.[POD_TEMPLATE_HASH]}`);
      expect(created.replicaSet.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '2', 'deployment.kubernetes.io/desired-replicas': '10', 'deployment.kubernetes.io/max-replicas': '13' });
    } else {
      const changed = Object.fromEntries(Object.entries(got).filter(([n, r]) => rss().find((x) => x.metadata.name === n)?.spec?.replicas !== r));
      expect(changed).toEqual(want);
    }
  });
});
