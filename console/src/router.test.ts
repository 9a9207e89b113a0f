import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from './router';

describe('hash routes', () => {
  it.each<[string, Route]>([
    ['', { page: 'overview' }],
    ['#/', { page: 'overview' }],
    ['#/r/pods?ns=default', { page: 'list', kind: 'pods', ns: 'default' }],
    ['#/r/deployments.apps?ns=&q=web&l=app%3Dweb&sort=-Age', { page: 'list', kind: 'deployments.apps', ns: '', q: 'web', l: 'app=web', sort: '-Age' }],
    ['#/r/deployments.apps/default/web', { page: 'detail', kind: 'deployments.apps', ns: 'default', name: 'web' }],
    ['#/r/nodes/_/node-1?tab=yaml', { page: 'detail', kind: 'nodes', name: 'node-1', tab: 'yaml' }],
    ['#/nope', { page: 'notfound', path: '/nope' }],
  ])('parses %j', (hash, want) => {
    expect(parseRoute(hash)).toEqual(want);
  });

  it('round-trips every page through its link', () => {
    const routes: Route[] = [
      { page: 'overview' },
      { page: 'list', kind: 'pods', ns: '' },
      { page: 'list', kind: 'services', ns: 'kube-system', q: 'dns x', l: 'k8s-app in (a,b)' },
      { page: 'detail', kind: 'configmaps', ns: 'default', name: 'a.b' },
      { page: 'detail', kind: 'namespaces', name: 'default', tab: 'yaml' },
    ];
    for (const r of routes) expect(parseRoute(formatRoute(r))).toEqual(r);
  });
});
