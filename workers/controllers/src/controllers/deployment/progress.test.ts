import { describe, expect, it } from 'vitest';
import { at, deployment } from '../testing/builders';
import { Cluster } from '../testing/sim';

const cond = (c: Cluster, type: string) => c.d.status?.conditions?.find((x) => x.type === type);

describe('progress and availability conditions', () => {
  it('a first rollout goes NewReplicaSetCreated, ReplicaSetUpdated, NewReplicaSetAvailable', () => {
    const c = new Cluster(deployment('web', { replicas: 2 }));
    c.deploymentPass();
    const name = c.rss[0].metadata.name;
    expect(cond(c, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "${name}"` });
    expect(cond(c, 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
    // The ReplicaSet reports its pods one pass after creating them (status describes what it saw).
    c.replicaSetPass();
    c.replicaSetPass();
    c.tick();
    c.deploymentPass();
    expect(cond(c, 'Progressing')).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${name}" is progressing.` });
    c.startPods();
    c.replicaSetPass();
    c.deploymentPass();
    expect(cond(c, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${name}" has successfully progressed.` });
    expect(cond(c, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    const s = c.d.status!;
    expect([s.observedGeneration, s.replicas, s.updatedReplicas, s.readyReplicas, s.availableReplicas, s.unavailableReplicas]).toEqual([1, 2, 2, 2, 2, 0]);
  });

  it('an existing new ReplicaSet without a Progressing condition is reported as FoundNewReplicaSet', () => {
    const c = new Cluster(deployment('web', { replicas: 1 }));
    c.deploymentPass();
    // Forget the condition, as if the Deployment predated progress reporting; nothing has progressed since.
    c.d.status!.conditions = c.d.status!.conditions!.filter((x) => x.type !== 'Progressing');
    c.deploymentPass();
    expect(cond(c, 'Progressing')).toMatchObject({ status: 'True', reason: 'FoundNewReplicaSet', message: `Found new replica set "${c.rss[0].metadata.name}"` });
  });

  it('no progress for longer than progressDeadlineSeconds is ProgressDeadlineExceeded, and the pass asks to be requeued before it', () => {
    const c = new Cluster(deployment('web', { replicas: 1, progressDeadlineSeconds: 30 }));
    c.deploymentPass();
    c.replicaSetPass();
    c.replicaSetPass();
    c.tick();
    const res = c.deploymentPass();
    expect(res.requeueAfterSeconds).toBeGreaterThan(25);
    expect(res.requeueAfterSeconds).toBeLessThanOrEqual(31);
    c.tick(20);
    c.deploymentPass();
    expect(cond(c, 'Progressing')?.reason).toBe('ReplicaSetUpdated');
    c.tick(20);
    c.deploymentPass();
    expect(cond(c, 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${c.rss[0].metadata.name}" has timed out progressing.` });
    // Once exceeded, it stays so until progress resumes.
    c.tick(5);
    c.deploymentPass();
    expect(cond(c, 'Progressing')?.reason).toBe('ProgressDeadlineExceeded');
    c.startPods();
    c.replicaSetPass();
    c.deploymentPass();
    expect(cond(c, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
  });

  it('progress refreshes lastUpdateTime but keeps lastTransitionTime', () => {
    const c = new Cluster(deployment('web', { replicas: 3, maxSurge: 0, maxUnavailable: 1 }));
    c.settle();
    c.edit((d) => (d.spec!.template!.spec!.containers[0].image = 'v2'));
    c.deploymentPass();
    c.replicaSetPass();
    c.tick(10);
    c.deploymentPass();
    c.replicaSetPass();
    const first = structuredClone(cond(c, 'Progressing')!);
    c.startPods();
    c.tick(10);
    c.replicaSetPass();
    c.deploymentPass();
    const second = cond(c, 'Progressing')!;
    expect(second.reason).toBe('ReplicaSetUpdated');
    expect(second.lastTransitionTime).toBe(first.lastTransitionTime);
    expect(Date.parse(second.lastUpdateTime!)).toBeGreaterThan(Date.parse(first.lastUpdateTime!));
  });

  it('without a progress deadline there is no Progressing condition', () => {
    const c = new Cluster(deployment('web', { replicas: 1, progressDeadlineSeconds: 2147483647 }));
    c.settle();
    expect(cond(c, 'Progressing')).toBeUndefined();
    expect(cond(c, 'Available')?.status).toBe('True');
    expect(at(0)).toBeInstanceOf(Date);
  });
});
