import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../common/types';
import { deployment } from '../testing/builders';
import { Cluster } from '../testing/sim';
import { CHANGE_CAUSE, REVISION, REVISION_HISTORY } from './revision';

function setImage(c: Cluster, image: string) {
  c.edit((d) => {
    d.spec!.template!.spec!.containers[0].image = image;
    d.metadata.annotations = { ...d.metadata.annotations, [CHANGE_CAUSE]: `set image ${image}` };
  });
  c.settle();
}

/** What `kubectl rollout undo --to-revision` sends: the old template as Go serializes it, and its change-cause. */
function undoTo(c: Cluster, revision: string) {
  const rs = c.rss.find((r) => r.metadata.annotations?.[REVISION] === revision)!;
  const tpl: any = structuredClone(rs.spec!.template!);
  delete tpl.metadata.labels['pod-template-hash'];
  tpl.metadata.creationTimestamp = null;
  for (const ctr of tpl.spec.containers) ctr.resources ??= {};
  c.edit((d: Deployment) => {
    d.spec!.template = tpl;
    d.metadata.annotations = { ...d.metadata.annotations, [CHANGE_CAUSE]: rs.metadata.annotations![CHANGE_CAUSE] };
  });
  c.settle();
}

const history = (c: Cluster) => c.rsByRevision().map((r) => r.revision);
const byRev = (c: Cluster, rev: string): ReplicaSet => c.rss.find((r) => r.metadata.annotations?.[REVISION] === rev)!;

describe('rollback through the spec (kubectl rollout undo)', () => {
  it('reuses the old ReplicaSet and moves its revision to the top: history reads 1 3 4', () => {
    const c = new Cluster(deployment('web', { replicas: 2, image: 'nginx:1', annotations: { [CHANGE_CAUSE]: 'create' } }));
    c.settle();
    setImage(c, 'nginx:2');
    setImage(c, 'nginx:3');
    expect(history(c)).toEqual(['1', '2', '3']);
    const rev2Name = byRev(c, '2').metadata.name;

    undoTo(c, '2');

    expect(history(c)).toEqual(['1', '3', '4']);
    expect(c.rss).toHaveLength(3);
    const reused = byRev(c, '4');
    expect(reused.metadata.name).toBe(rev2Name);
    expect(reused.metadata.annotations?.[REVISION_HISTORY]).toBe('2');
    expect(reused.metadata.annotations?.[CHANGE_CAUSE]).toBe('set image nginx:2');
    expect(reused.spec?.replicas).toBe(2);
    expect(c.pods.every((p) => p.spec.containers[0].image === 'nginx:2')).toBe(true);
    expect(c.d.metadata.annotations?.[REVISION]).toBe('4');
  });

  it('undoing twice keeps the earlier numbers in revision-history', () => {
    const c = new Cluster(deployment('web', { replicas: 1, image: 'nginx:1' }));
    c.settle();
    setImage(c, 'nginx:2');
    undoTo(c, '1'); // rev1 -> 3
    undoTo(c, '2'); // rev2 -> 4
    undoTo(c, '3'); // the first ReplicaSet again -> 5
    expect(history(c)).toEqual(['4', '5']);
    expect(byRev(c, '5').metadata.annotations?.[REVISION_HISTORY]).toBe('1,3');
  });

  it('the Deployment change-cause is copied to the new ReplicaSet, not to the old ones', () => {
    const c = new Cluster(deployment('web', { replicas: 1, image: 'nginx:1', annotations: { [CHANGE_CAUSE]: 'create' } }));
    c.settle();
    setImage(c, 'nginx:2');
    expect(byRev(c, '1').metadata.annotations?.[CHANGE_CAUSE]).toBe('create');
    expect(byRev(c, '2').metadata.annotations?.[CHANGE_CAUSE]).toBe('set image nginx:2');
  });

  it('deletes the oldest empty ReplicaSets beyond revisionHistoryLimit once the rollout is complete', () => {
    const c = new Cluster(deployment('web', { replicas: 1, image: 'v0', revisionHistoryLimit: 2 }));
    c.settle();
    for (const v of ['v1', 'v2', 'v3', 'v4']) setImage(c, v);
    expect(history(c)).toEqual(['3', '4', '5']);
  });
});
