import { describe, expect, it } from 'vitest';
import { builtinResources } from '../resources';
import { DEFAULT_VERBS } from '../registry/types';
import { aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions, compareVersions } from '.';
import { clusterRoleDef, deploymentDef, podDef, testDefs } from './test-defs';

describe('version ordering', () => {
  it('puts GA before beta before alpha, higher numbers first, unknown names last', () => {
    const sorted = ['v1alpha1', 'v1beta1', 'foo', 'v2', 'v1', 'v2beta1', 'v1beta2', 'v10'].sort(compareVersions);
    expect(sorted).toEqual(['v10', 'v2', 'v1', 'v2beta1', 'v1beta2', 'v1beta1', 'v1alpha1', 'foo']);
  });
});

describe('aggregated discovery', () => {
  it('serves the core group at /api as one item named "" with version v1', () => {
    const list = aggregatedDiscovery(testDefs, 'api');
    expect(list.kind).toBe('APIGroupDiscoveryList');
    expect(list.apiVersion).toBe('apidiscovery.k8s.io/v2');
    expect(list.metadata).toEqual({});
    expect(list.items).toHaveLength(1);
    expect(list.items[0].metadata.name).toBe('');
    expect(list.items[0].versions.map((v) => v.version)).toEqual(['v1']);
    expect(list.items[0].versions[0].freshness).toBe('Current');
  });

  it('describes pods with everything kubectl reads', () => {
    const pods = aggregatedDiscovery(testDefs, 'api').items[0].versions[0].resources.find((r) => r.resource === 'pods')!;
    expect(pods).toMatchObject({
      resource: 'pods',
      responseKind: { group: '', version: 'v1', kind: 'Pod' },
      scope: 'Namespaced',
      singularResource: 'pod',
      verbs: DEFAULT_VERBS,
      shortNames: ['po'],
      categories: ['all'],
    });
    const subs = Object.fromEntries(pods.subresources!.map((s) => [s.subresource, s]));
    expect(Object.keys(subs)).toEqual(['attach', 'binding', 'eviction', 'exec', 'log', 'portforward', 'status']);
    expect(subs.status).toEqual({ subresource: 'status', responseKind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get', 'patch', 'update'] });
    expect(subs.binding).toEqual({ subresource: 'binding', responseKind: { group: '', version: 'v1', kind: 'Binding' }, verbs: ['create'] });
    expect(subs.eviction.responseKind).toEqual({ group: 'policy', version: 'v1', kind: 'Eviction' });
    expect(subs.log).toEqual({ subresource: 'log', responseKind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get'] });
    expect(subs.exec.verbs).toEqual(['create', 'get']);
  });

  it('marks cluster-scoped resources and the namespace finalize subresource', () => {
    const ns = aggregatedDiscovery(testDefs, 'api').items[0].versions[0].resources.find((r) => r.resource === 'namespaces')!;
    expect(ns.scope).toBe('Cluster');
    expect(ns.verbs).not.toContain('deletecollection');
    expect(ns.subresources!.find((s) => s.subresource === 'finalize')).toEqual({ subresource: 'finalize', responseKind: { group: '', version: 'v1', kind: 'Namespace' }, verbs: ['update'] });
  });

  it('lists named groups at /apis with versions newest first and the scale subresource', () => {
    const list = aggregatedDiscovery(testDefs, 'apis');
    expect(list.items.map((i) => i.metadata.name)).toEqual(['apps', 'rbac.authorization.k8s.io']);
    const apps = list.items[0];
    expect(apps.versions.map((v) => v.version)).toEqual(['v1', 'v1beta2']);
    const deploy = apps.versions[0].resources[0];
    expect(deploy.responseKind).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(deploy.shortNames).toEqual(['deploy']);
    expect(deploy.subresources).toEqual([
      { subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] },
      { subresource: 'status', responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' }, verbs: ['get', 'patch', 'update'] },
    ]);
    const roles = list.items[1].versions[0].resources[0];
    expect(roles.scope).toBe('Cluster');
    expect(roles).not.toHaveProperty('shortNames');
    expect(roles).not.toHaveProperty('subresources');
  });

  it('does not invent metrics.k8s.io, and caches per defs array', () => {
    expect(aggregatedDiscovery(testDefs, 'apis').items.some((i) => i.metadata.name === 'metrics.k8s.io')).toBe(false);
    expect(aggregatedDiscovery(testDefs, 'apis')).toBe(aggregatedDiscovery(testDefs, 'apis'));
    expect(aggregatedDiscovery([podDef], 'apis').items).toEqual([]);
  });

  it('still answers /api with v1 when no core resource is served', () => {
    const list = aggregatedDiscovery([deploymentDef], 'api');
    expect(list.items).toEqual([{ metadata: { name: '' }, versions: [{ version: 'v1', resources: [], freshness: 'Current' }] }]);
  });
});

describe('legacy discovery', () => {
  it('answers /api with APIVersions', () => {
    expect(apiVersions(testDefs, 'kube.example:443')).toEqual({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: 'kube.example:443' }],
    });
  });

  it('answers /apis and /apis/<group> with the preferred (newest) version first', () => {
    const list = apiGroupList(testDefs);
    expect(list).toMatchObject({ kind: 'APIGroupList', apiVersion: 'v1' });
    expect(list.groups[0]).toEqual({
      name: 'apps',
      versions: [
        { groupVersion: 'apps/v1', version: 'v1' },
        { groupVersion: 'apps/v1beta2', version: 'v1beta2' },
      ],
      preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
    });
    expect(apiGroup(testDefs, 'apps')).toMatchObject({ kind: 'APIGroup', apiVersion: 'v1', name: 'apps' });
    expect(apiGroup(testDefs, 'nope')).toBeUndefined();
    expect(apiGroup(testDefs, '')).toBeUndefined();
  });

  it('lists resources and "<plural>/<sub>" entries per group-version', () => {
    const core = apiResourceList(testDefs, '', 'v1')!;
    expect(core).toMatchObject({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'v1' });
    const byName = Object.fromEntries(core.resources.map((r) => [r.name, r]));
    expect(byName.pods).toEqual({ name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: DEFAULT_VERBS, shortNames: ['po'], categories: ['all'] });
    expect(byName['pods/log']).toEqual({ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] });
    expect(byName['pods/eviction']).toMatchObject({ kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] });
    expect(byName['namespaces/finalize']).toMatchObject({ namespaced: false, kind: 'Namespace', verbs: ['update'] });

    const apps = apiResourceList(testDefs, 'apps', 'v1')!;
    expect(apps.groupVersion).toBe('apps/v1');
    expect(apps.resources.map((r) => r.name)).toEqual(['deployments', 'deployments/scale', 'deployments/status']);
    expect(apps.resources[1]).toMatchObject({ kind: 'Scale', group: 'autoscaling', version: 'v1' });
    expect(apps.resources[2]).not.toHaveProperty('group');
    expect(apiResourceList(testDefs, 'apps', 'v9')).toBeUndefined();
    expect(apiResourceList([clusterRoleDef], 'rbac.authorization.k8s.io', 'v1')!.resources[0].namespaced).toBe(false);
  });
});

describe('the real builtin resources', () => {
  it('produce consistent discovery whatever they contain', () => {
    const api = aggregatedDiscovery(builtinResources, 'api');
    const apis = aggregatedDiscovery(builtinResources, 'apis');
    expect(api.items).toHaveLength(1);
    const all = [...api.items, ...apis.items].flatMap((g) => g.versions.flatMap((v) => v.resources));
    expect(all).toHaveLength(builtinResources.length);
    for (const r of all) {
      expect(r.responseKind.kind).toBeTruthy();
      expect(r.verbs.length).toBeGreaterThan(0);
      expect(['Namespaced', 'Cluster']).toContain(r.scope);
    }
    const legacyCount = apiGroupList(builtinResources).groups.length;
    expect(legacyCount).toBe(apis.items.length);
    const pods = all.find((r) => r.resource === 'pods');
    if (pods) expect(pods.shortNames).toContain('po');
  });
});
