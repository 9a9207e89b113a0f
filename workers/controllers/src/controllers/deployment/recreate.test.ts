import { describe, expect, it } from 'vitest';
import { deployment, pod, replicaSet, T0 } from '../testing/builders';
import { Cluster } from '../testing/sim';
import { reconcileDeployment } from './reconcile';

describe('Recreate', () => {
  it('never runs old and new pods together and ends on the new template', () => {
    const c = new Cluster(deployment('web', { replicas: 3, strategy: 'Recreate', image: 'v1' }));
    c.settle();
    c.edit((d) => (d.spec!.template!.spec!.containers[0].image = 'v2'));
    c.settle(40, () => {
      const images = new Set(c.pods.map((p) => p.spec.containers[0].image));
      expect(images.size).toBeLessThanOrEqual(1);
    });
    expect(c.pods.map((p) => p.spec.containers[0].image)).toEqual(['v2', 'v2', 'v2']);
    expect(c.rss.map((r) => r.spec?.replicas)).toEqual([0, 3]);
  });

  const d = deployment('web', { replicas: 2, strategy: 'Recreate', image: 'v2' });
  const old = (replicas: number, statusReplicas: number) => {
    const rs = replicaSet('web-old', { owner: d, replicas, revision: 1, status: { replicas: statusReplicas } });
    rs.spec!.selector = { matchLabels: { app: 'web' } };
    rs.spec!.template!.metadata!.labels = { app: 'web' };
    rs.metadata.labels = { app: 'web' };
    return rs;
  };

  it.each([
    { name: 'first scales the old ReplicaSet to zero and creates nothing', rs: old(2, 2), pods: [], scaled: 0, creates: false },
    { name: 'waits while an old pod still runs', rs: old(0, 0), pods: ['Running'], scaled: undefined, creates: false },
    { name: 'waits while an old pod is in phase Unknown', rs: old(0, 0), pods: ['Unknown'], scaled: undefined, creates: false },
    { name: 'creates the new ReplicaSet at full size once old pods are finished', rs: old(0, 0), pods: ['Succeeded', 'Failed'], scaled: undefined, creates: true },
  ])('$name', ({ rs, pods, scaled, creates }) => {
    const ps = pods.map((phase, i) => pod(`p${i}`, { owner: rs, phase, labels: { app: 'web' } }));
    const res = reconcileDeployment(d, [rs], ps, T0);
    const update = res.actions.find((a) => a.type === 'updateReplicaSet');
    expect(update?.replicaSet.spec?.replicas).toBe(scaled);
    const created = res.actions.find((a) => a.type === 'createReplicaSet');
    expect(!!created).toBe(creates);
    if (created) expect(created.replicaSet.spec?.replicas).toBe(2);
  });
});
