import { describe, expect, it } from 'vitest';
import { Cache } from '../runtime/cache';
import { controllerScale } from './scale';

const owner = (kind: string, name: string, uid: string) => [{ apiVersion: 'apps/v1', kind, name, uid, controller: true }];
const pod = (name: string, refs?: ReturnType<typeof owner>) => ({ metadata: { name, namespace: 'ns', ...(refs ? { ownerReferences: refs } : {}) } });

function cache(): Cache {
  const c = new Cache();
  c.apply('apps/deployments', 'ADDED', { metadata: { name: 'web', namespace: 'ns', uid: 'd1' }, spec: { replicas: 6 } } as never);
  c.apply('apps/replicasets', 'ADDED', { metadata: { name: 'web-1', namespace: 'ns', uid: 'r1', ownerReferences: owner('Deployment', 'web', 'd1') }, spec: { replicas: 4 } } as never);
  c.apply('apps/replicasets', 'ADDED', { metadata: { name: 'web-2', namespace: 'ns', uid: 'r2', ownerReferences: owner('Deployment', 'web', 'd1') }, spec: { replicas: 2 } } as never);
  c.apply('apps/replicasets', 'ADDED', { metadata: { name: 'solo', namespace: 'ns', uid: 'r3' }, spec: { replicas: 3 } } as never);
  c.apply('apps/statefulsets', 'ADDED', { metadata: { name: 'db', namespace: 'ns', uid: 's1' }, spec: { replicas: 5 } } as never);
  return c;
}

describe('controllerScale', () => {
  it('counts a Deployment once through all of its ReplicaSets', () => {
    expect(controllerScale([pod('a', owner('ReplicaSet', 'web-1', 'r1')), pod('b', owner('ReplicaSet', 'web-2', 'r2'))], cache())).toBe(6);
  });
  it('sums different controllers: a bare ReplicaSet and a StatefulSet', () => {
    expect(controllerScale([pod('a', owner('ReplicaSet', 'solo', 'r3')), pod('b', owner('StatefulSet', 'db', 's1'))], cache())).toBe(8);
  });
  it('gives up when a pod has no controller or an unknown one', () => {
    expect(controllerScale([pod('a')], cache())).toBeUndefined();
    expect(controllerScale([pod('a', owner('CronTab', 'x', 'x1'))], cache())).toBeUndefined();
  });
});
