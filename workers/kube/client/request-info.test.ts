import { describe, expect, it } from 'vitest';
import { parseResourcePath } from './request-info';

const p = (method: string, path: string, q = '') => parseResourcePath(method, path, new URLSearchParams(q));

describe('parseResourcePath', () => {
  it.each([
    ['GET', '/api/v1/pods', '', { group: '', version: 'v1', resource: 'pods', verb: 'list' }],
    ['GET', '/api/v1/namespaces/default/pods/web', '', { resource: 'pods', namespace: 'default', name: 'web', verb: 'get' }],
    ['GET', '/api/v1/namespaces/default/pods', 'watch=true', { resource: 'pods', namespace: 'default', verb: 'watch' }],
    ['PUT', '/api/v1/namespaces/default/pods/web/status', '', { resource: 'pods', name: 'web', subresource: 'status', verb: 'update' }],
    ['GET', '/api/v1/namespaces/kube-system', '', { resource: 'namespaces', name: 'kube-system', namespace: undefined, verb: 'get' }],
    ['PUT', '/api/v1/namespaces/x/finalize', '', { resource: 'namespaces', name: 'x', subresource: 'finalize', verb: 'update' }],
    ['DELETE', '/apis/apps/v1/namespaces/a/deployments', '', { group: 'apps', resource: 'deployments', verb: 'deletecollection' }],
    ['POST', '/apis/apps/v1/namespaces/a/deployments', '', { group: 'apps', version: 'v1', verb: 'create' }],
    ['GET', '/api/v1/namespaces/a%20b/pods/x', '', { namespace: 'a b', name: 'x' }],
  ])('%s %s?%s', (method, path, q, want) => {
    const r = p(method, path, q);
    expect(r.kind).toBe('resource');
    if (r.kind === 'resource') expect(r.req).toMatchObject(want);
  });

  it.each([['/api'], ['/apis/apps'], ['/api/v1'], ['/apis/apps/v1'], ['/api/v1/namespaces/a/pods/b/c/d'], ['/version']])('%s is not a resource path', (path) => {
    expect(p('GET', path).kind).toBe('other');
  });
});
