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
    ['#/apply?ns=dev', { page: 'apply', ns: 'dev' }],
    ['#/apply?edit=deployments.apps%2Fdefault%2Fweb', { page: 'apply', edit: 'deployments.apps/default/web' }],
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
      { page: 'detail', kind: 'pods', ns: 'default', name: 'web-1', tab: 'logs' },
      { page: 'apply', ns: 'default', edit: 'pods/default/web-1' },
    ];
    for (const r of routes) expect(parseRoute(formatRoute(r))).toEqual(r);
  });
});
