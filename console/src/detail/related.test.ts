import { describe, expect, it } from 'vitest';
import { conditionsOf, displayObject, HIDDEN, ownedBy, ownedKind, ownerLinks, secretKeys, toYaml } from './related';

describe('detail page pieces', () => {
  it('links owners the console knows, in the object namespace', () => {
    const pod = { metadata: { name: 'web-1', namespace: 'shop', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'rs' }, { apiVersion: 'x.io/v1', kind: 'Thing', name: 't', uid: 't' }] } };
    expect(ownerLinks(pod)).toEqual([
      { kind: 'ReplicaSet', key: 'replicasets.apps', namespace: 'shop', name: 'web-abc' },
      { kind: 'Thing', key: undefined, namespace: undefined, name: 't' },
    ]);
  });

  it('finds the objects a workload owns by owner uid', () => {
    expect(ownedKind('Deployment')?.key).toBe('replicasets.apps');
    expect(ownedKind('CronJob')?.key).toBe('jobs.batch');
    expect(ownedKind('ConfigMap')).toBeUndefined();
    const rs = (name: string, uid: string) => ({ metadata: { name, ownerReferences: [{ uid }] } });
    expect(ownedBy([rs('b', 'd1'), rs('x', 'd2'), rs('a', 'd1')], 'd1').map((o) => o.metadata.name)).toEqual(['a', 'b']);
  });

  it('lists conditions with their transition times', () => {
    const got = conditionsOf({ status: { conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', lastTransitionTime: 't1' }] } });
    expect(got).toEqual([{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: '', lastTransitionTime: 't1' }]);
  });

  it('leaves managedFields out of the YAML', () => {
    const y = toYaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', managedFields: [{ manager: 'kubectl' }] }, data: { a: 'b' } });
    expect(y).toContain('name: c');
    expect(y).toContain('a: b');
    expect(y).not.toContain('managedFields');
  });

  it('never shows a Secret value, in data or in the last-applied annotation', () => {
    const secret = {
      kind: 'Secret',
      metadata: { name: 's', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"password":"aHVudGVyMg=="}}' } },
      data: { password: 'aHVudGVyMg==' },
    };
    const y = toYaml(secret);
    expect(y).not.toContain('aHVudGVyMg');
    expect(displayObject(secret).data).toEqual({ password: HIDDEN });
    expect(secretKeys(secret)).toEqual([{ key: 'password', bytes: 7 }]);
  });
});
