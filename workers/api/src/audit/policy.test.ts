import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from './default-policy';
import { evaluatePolicy, parsePolicy, type PolicyAttributes } from './policy';
import { mayRecordBody } from './redact';
import { sourceIPs } from './source-ips';

const user = (name: string, ...groups: string[]) => ({ name, groups: [...groups, 'system:authenticated'] });
const res = (verb: string, resource: string, extra: Partial<NonNullable<PolicyAttributes['resource']>> = {}, u = user('alice')): PolicyAttributes => ({
  user: u,
  verb,
  resource: { group: '', resource, ...extra },
});

describe('audit policy', () => {
  const policy = parsePolicy(`
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
  - level: None
    users: [bob]
  - level: None
    resources: [{ group: "", resources: [configmaps], resourceNames: [controller-leader] }]
  - level: Metadata
    resources: [{ group: "", resources: ["pods/log", "*/status"] }]
  - level: Request
    resources: [{ group: "", resources: [pods] }]
    namespaces: [prod]
    omitStages: [ResponseStarted]
  - level: None
    nonResourceURLs: ["/healthz*"]
  - level: Metadata
`);

  it('takes the first matching rule and adds its omitted stages to the policy-wide ones', () => {
    expect(evaluatePolicy(policy, res('create', 'pods', { namespace: 'prod' }))).toEqual({ level: 'Request', omitStages: ['RequestReceived', 'ResponseStarted'] });
    expect(evaluatePolicy(policy, res('create', 'pods', { namespace: 'dev' })).level).toBe('Metadata');
    expect(evaluatePolicy(policy, res('create', 'pods', { namespace: 'prod' }, user('bob'))).level).toBe('None');
  });

  it('matches subresources only when named, and resource names', () => {
    expect(evaluatePolicy(policy, res('get', 'pods', { subresource: 'log', namespace: 'prod' })).level).toBe('Metadata');
    expect(evaluatePolicy(policy, res('update', 'deployments', { subresource: 'status' })).level).toBe('Metadata');
    expect(evaluatePolicy(policy, res('get', 'pods', { subresource: 'exec', namespace: 'prod' })).level).toBe('Metadata');
    expect(evaluatePolicy(policy, res('update', 'configmaps', { name: 'controller-leader', namespace: 'x' })).level).toBe('None');
    expect(evaluatePolicy(policy, res('update', 'configmaps', { name: 'other', namespace: 'x' })).level).toBe('Metadata');
  });

  it('matches non-resource URLs with a trailing wildcard, never resource requests', () => {
    expect(evaluatePolicy(policy, { user: user('alice'), verb: 'get', path: '/healthz/etcd' }).level).toBe('None');
    expect(evaluatePolicy(policy, { user: user('alice'), verb: 'get', path: '/version' }).level).toBe('Metadata');
  });

  it('accepts JSON and refuses unknown levels', () => {
    expect(parsePolicy('{"rules":[{"level":"Request"}]}').rules[0].level).toBe('Request');
    expect(() => parsePolicy('{"rules":[{"level":"Everything"}]}')).toThrow(/invalid audit policy: rules.0.level/);
  });

  it('no matching rule means None', () => {
    expect(evaluatePolicy({ rules: [{ level: 'Request', users: ['x'] }] }, res('get', 'pods')).level).toBe('None');
  });

  it('built-in policy: secrets at Metadata, writes at Request, reads Metadata, components and heartbeats skipped', () => {
    expect(evaluatePolicy(DEFAULT_POLICY, res('create', 'secrets', { namespace: 'a' })).level).toBe('Metadata');
    expect(evaluatePolicy(DEFAULT_POLICY, res('create', 'configmaps', { namespace: 'a' })).level).toBe('Metadata');
    expect(evaluatePolicy(DEFAULT_POLICY, res('create', 'serviceaccounts', { subresource: 'token', namespace: 'a' })).level).toBe('Metadata');
    expect(evaluatePolicy(DEFAULT_POLICY, res('create', 'pods', { namespace: 'a' })).level).toBe('Request');
    expect(evaluatePolicy(DEFAULT_POLICY, res('list', 'pods')).level).toBe('Metadata');
    expect(evaluatePolicy(DEFAULT_POLICY, { user: user('system:kube-scheduler'), verb: 'list', resource: { group: 'kubeflare.dev', resource: 'changes' } }).level).toBe('None');
    // Batch endpoints: the components' events skipped as their single creates are; batch bindings at Metadata.
    expect(evaluatePolicy(DEFAULT_POLICY, { user: user('system:kube-controller-manager'), verb: 'create', resource: { group: 'kubeflare.dev', resource: 'events' } }).level).toBe('None');
    expect(evaluatePolicy(DEFAULT_POLICY, { user: user('system:kube-scheduler'), verb: 'create', resource: { group: 'kubeflare.dev', resource: 'bindings' } }).level).toBe('Metadata');
    expect(evaluatePolicy(DEFAULT_POLICY, { user: user('alice'), verb: 'create', resource: { group: 'kubeflare.dev', resource: 'bindings' } }).level).toBe('Request');
    const node = user('system:node:n1', 'system:nodes');
    expect(evaluatePolicy(DEFAULT_POLICY, { user: node, verb: 'update', resource: { group: 'coordination.k8s.io', resource: 'leases', namespace: 'kube-node-lease', name: 'n1' } }).level).toBe('None');
    expect(evaluatePolicy(DEFAULT_POLICY, { user: node, verb: 'update', resource: { group: '', resource: 'pods', subresource: 'status', namespace: 'a', name: 'p' } }).level).toBe('Request');
  });
});

describe('request bodies never recorded', () => {
  it('for secrets, token requests and reviews, and credential endpoints, whatever the policy', () => {
    expect(mayRecordBody({ resource: 'secrets', apiGroup: '', namespace: 'a' })).toBe(false);
    expect(mayRecordBody({ resource: 'serviceaccounts', subresource: 'token', apiGroup: '' })).toBe(false);
    expect(mayRecordBody({ resource: 'tokenreviews', apiGroup: 'authentication.k8s.io' })).toBe(false);
    expect(mayRecordBody({ resource: 'usertokens', apiGroup: 'kubeflare.dev' })).toBe(false);
    expect(mayRecordBody({ resource: 'nodecredentials', apiGroup: 'kubeflare.dev' })).toBe(false);
    expect(mayRecordBody(undefined)).toBe(false);
    expect(mayRecordBody({ resource: 'configmaps', apiGroup: '' })).toBe(true);
    expect(mayRecordBody({ resource: 'deployments', apiGroup: 'apps' })).toBe(true);
  });
});

describe('sourceIPs', () => {
  it('lists forwarded addresses, then X-Real-Ip, then the connection unless it repeats the last', () => {
    expect(sourceIPs(new Headers({ 'cf-connecting-ip': '10.0.0.9' }))).toEqual(['10.0.0.9']);
    expect(sourceIPs(new Headers({ 'x-forwarded-for': '1.1.1.1, 2.2.2.2', 'x-real-ip': '2.2.2.2', 'cf-connecting-ip': '3.3.3.3' }))).toEqual(['1.1.1.1', '2.2.2.2', '3.3.3.3']);
    expect(sourceIPs(new Headers({ 'x-forwarded-for': '1.1.1.1', 'cf-connecting-ip': '1.1.1.1' }))).toEqual(['1.1.1.1']);
    expect(sourceIPs(new Headers())).toEqual([]);
  });
});
