import { describe, expect, it } from 'vitest';
import { collectionPath, kindByKey, kindOf, objectPath } from './kinds';

describe('kinds', () => {
  it('builds core and grouped, namespaced and cluster paths', () => {
    expect(collectionPath(kindByKey('pods')!, 'default')).toBe('/api/v1/namespaces/default/pods');
    expect(collectionPath(kindByKey('pods')!)).toBe('/api/v1/pods');
    expect(collectionPath(kindByKey('deployments.apps')!, 'kube-system')).toBe('/apis/apps/v1/namespaces/kube-system/deployments');
    expect(collectionPath(kindByKey('nodes')!, 'default')).toBe('/api/v1/nodes');
    expect(objectPath(kindByKey('ingresses.networking.k8s.io')!, 'a b', 'web')).toBe('/apis/networking.k8s.io/v1/namespaces/a%20b/ingresses/web');
  });

  it('finds the kind of an owner reference by apiVersion and kind', () => {
    expect(kindOf('apps/v1', 'ReplicaSet')?.key).toBe('replicasets.apps');
    expect(kindOf('v1', 'Node')?.key).toBe('nodes');
    expect(kindOf('example.com/v1', 'ReplicaSet')).toBeUndefined();
  });
});
