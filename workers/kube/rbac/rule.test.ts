import { describe, expect, it } from 'vitest';
import { ruleAllows } from './rule';
import type { PolicyRule, RbacAttributes } from './types';

const res = (verb: string, resource: string, more: Partial<RbacAttributes> = {}): RbacAttributes => ({ verb, group: '', resource, namespace: 'dev', ...more });
const url = (verb: string, path: string): RbacAttributes => ({ verb, path });

const podsRead: PolicyRule = { verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods'] };

describe('ruleAllows', () => {
  const cases: [string, PolicyRule, RbacAttributes, boolean][] = [
    ['a listed verb on a listed resource is allowed', podsRead, res('get', 'pods'), true],
    ['an unlisted verb is denied', podsRead, res('delete', 'pods'), false],
    ['the verb * allows any verb', { ...podsRead, verbs: ['*'] }, res('escalate', 'pods'), true],
    ['another API group is denied', podsRead, res('get', 'pods', { group: 'apps' }), false],
    ['the apiGroup * allows any group', { ...podsRead, apiGroups: ['*'] }, res('get', 'pods', { group: 'example.com' }), true],
    ['a missing group in the request means the core group', podsRead, { verb: 'get', resource: 'pods' }, true],
    ['a resource does not cover its subresources', podsRead, res('get', 'pods', { subresource: 'log' }), false],
    ['resource/subresource covers exactly that subresource', { ...podsRead, resources: ['pods/log'] }, res('get', 'pods', { subresource: 'log' }), true],
    ['resource/subresource does not cover the resource', { ...podsRead, resources: ['pods/log'] }, res('get', 'pods'), false],
    ['resource/subresource does not cover a sibling subresource', { ...podsRead, resources: ['pods/log'] }, res('get', 'pods', { subresource: 'exec' }), false],
    ['the resource * covers subresources too', { ...podsRead, resources: ['*'] }, res('get', 'deployments', { subresource: 'scale' }), true],
    ['*/scale covers the scale subresource of any resource', { ...podsRead, resources: ['*/scale'] }, res('get', 'statefulsets', { subresource: 'scale' }), true],
    ['*/scale does not cover the resource itself', { ...podsRead, resources: ['*/scale'] }, res('get', 'statefulsets'), false],
    ['*/scale does not cover another subresource', { ...podsRead, resources: ['*/scale'] }, res('get', 'statefulsets', { subresource: 'status' }), false],
    ['pods/* is not a wildcard, as upstream', { ...podsRead, resources: ['pods/*'] }, res('get', 'pods', { subresource: 'log' }), false],
    ['*/* is not a wildcard either', { ...podsRead, resources: ['*/*'] }, res('get', 'pods', { subresource: 'log' }), false],
    ['resourceNames allow a named request', { ...podsRead, resourceNames: ['web'] }, res('get', 'pods', { name: 'web' }), true],
    ['resourceNames deny another name', { ...podsRead, resourceNames: ['web'] }, res('get', 'pods', { name: 'db' }), false],
    ['resourceNames never match a list (it has no name)', { ...podsRead, resourceNames: ['web'] }, res('list', 'pods'), false],
    ['resourceNames never match a create', { ...podsRead, verbs: ['create'], resourceNames: ['web'] }, res('create', 'pods'), false],
    ['resourceNames apply to subresources by the parent name', { ...podsRead, resources: ['pods/log'], resourceNames: ['web'] }, res('get', 'pods', { subresource: 'log', name: 'web' }), true],
    ['a resource rule never allows a non-resource URL', { ...podsRead, verbs: ['*'], resources: ['*'], apiGroups: ['*'] }, url('get', '/healthz'), false],
    ['an exact URL is allowed', { verbs: ['get'], nonResourceURLs: ['/healthz'] }, url('get', '/healthz'), true],
    ['an exact URL does not cover paths below it', { verbs: ['get'], nonResourceURLs: ['/healthz'] }, url('get', '/healthz/etcd'), false],
    ['a trailing * covers paths below', { verbs: ['get'], nonResourceURLs: ['/healthz/*'] }, url('get', '/healthz/etcd'), true],
    ['a trailing * is a plain prefix match', { verbs: ['get'], nonResourceURLs: ['/api*'] }, url('get', '/apis/apps'), true],
    ['a trailing * does not cover the path without its slash', { verbs: ['get'], nonResourceURLs: ['/healthz/*'] }, url('get', '/healthz'), false],
    ['the URL * covers every path', { verbs: ['get'], nonResourceURLs: ['*'] }, url('get', '/metrics'), true],
    ['a URL rule checks the verb', { verbs: ['get'], nonResourceURLs: ['*'] }, url('post', '/metrics'), false],
    ['a URL rule never allows a resource request', { verbs: ['*'], nonResourceURLs: ['*'] }, res('get', 'pods'), false],
    ['an empty rule allows nothing', {}, res('get', 'pods'), false],
    ['null lists are treated as empty', { verbs: null, apiGroups: null, resources: null }, res('get', 'pods'), false],
  ];
  it.each(cases)('%s', (_name, rule, attrs, want) => {
    expect(ruleAllows(rule, attrs)).toBe(want);
  });
});
