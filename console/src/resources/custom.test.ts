import { describe, expect, it } from 'vitest';
import { kindsFromCrds } from './custom';
import { kindByKey, registerCustomKinds } from './kinds';

const crd = (group: string, kind: string, plural: string, scope: string, versions: { name: string; served?: boolean; storage?: boolean }[], established = 'True') => ({
  spec: { group, scope, names: { kind, plural }, versions },
  status: { conditions: [{ type: 'Established', status: established }] },
});

describe('custom resources', () => {
  it('lists each established CRD at its stored version', () => {
    const kinds = kindsFromCrds([
      crd('stable.example.com', 'CronTab', 'crontabs', 'Namespaced', [{ name: 'v1beta1', served: true }, { name: 'v1', served: true, storage: true }]),
      crd('ops.example.com', 'Cluster', 'clusters', 'Cluster', [{ name: 'v2', served: false, storage: true }, { name: 'v1', served: true }]),
      crd('late.example.com', 'Late', 'lates', 'Namespaced', [{ name: 'v1', served: true, storage: true }], 'False'),
    ]);
    expect(kinds.map((k) => [k.key, k.version, k.namespaced])).toEqual([
      ['clusters.ops.example.com', 'v1', false],
      ['crontabs.stable.example.com', 'v1', true],
    ]);
    expect(kinds[1]).toMatchObject({ kind: 'CronTab', title: 'CronTab (stable.example.com)', section: 'Custom resources' });
  });

  it('makes registered kinds reachable by key, without shadowing built-in kinds', () => {
    registerCustomKinds(kindsFromCrds([crd('stable.example.com', 'CronTab', 'crontabs', 'Namespaced', [{ name: 'v1', served: true, storage: true }]), crd('apps', 'Deployment', 'deployments', 'Namespaced', [{ name: 'v9', storage: true }])]));
    expect(kindByKey('crontabs.stable.example.com')?.version).toBe('v1');
    expect(kindByKey('deployments.apps')?.version).toBe('v1');
    registerCustomKinds([]);
    expect(kindByKey('crontabs.stable.example.com')).toBeUndefined();
  });
});
