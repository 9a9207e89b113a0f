import { describe, expect, it } from 'vitest';
import type { MatchResources, NamedRule } from '../../resources/admissionregistration/schema';
import { bindingMatches, matches, ruleMatches } from './match';
import type { AdmissionAttributes } from './types';

const attrs = (over: Partial<AdmissionAttributes> = {}): AdmissionAttributes => ({
  operation: 'CREATE',
  kind: { group: 'apps', version: 'v1', kind: 'Deployment' },
  resource: { group: 'apps', version: 'v1', resource: 'deployments' },
  subResource: '',
  namespaced: true,
  namespace: 'team-a',
  name: 'web',
  object: { metadata: { name: 'web', namespace: 'team-a', labels: { tier: 'front' } } },
  oldObject: null,
  userInfo: { username: 'alice', uid: '1', groups: [] },
  dryRun: false,
  ...over,
});

const rule = (over: Partial<NamedRule> = {}): NamedRule => ({ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'], ...over });

describe('resource rules', () => {
  it.each([
    { name: 'a rule naming the group, version, operation and resource matches', rule: rule(), a: attrs(), want: true },
    { name: 'another operation does not match', rule: rule(), a: attrs({ operation: 'DELETE' }), want: false },
    { name: '"*" operations match every operation', rule: rule({ operations: ['*'] }), a: attrs({ operation: 'DELETE' }), want: true },
    { name: 'another group does not match', rule: rule({ apiGroups: [''] }), a: attrs(), want: false },
    { name: 'a plain resource does not match its subresources', rule: rule(), a: attrs({ subResource: 'scale' }), want: false },
    { name: '"deployments/*" matches every subresource', rule: rule({ resources: ['deployments/*'] }), a: attrs({ subResource: 'status' }), want: true },
    { name: '"deployments/*" also matches the main resource', rule: rule({ resources: ['deployments/*'] }), a: attrs(), want: true },
    { name: '"*" matches every main resource but no subresource', rule: rule({ resources: ['*'] }), a: attrs({ subResource: 'status' }), want: false },
    { name: '"*/scale" matches the scale subresource of any resource', rule: rule({ resources: ['*/scale'] }), a: attrs({ subResource: 'scale' }), want: true },
    { name: '"*/*" matches everything', rule: rule({ resources: ['*/*'] }), a: attrs({ subResource: 'status' }), want: true },
    { name: 'scope Cluster leaves namespaced requests out', rule: rule({ scope: 'Cluster' }), a: attrs(), want: false },
    { name: 'scope Namespaced matches namespaced requests', rule: rule({ scope: 'Namespaced' }), a: attrs(), want: true },
    { name: 'resourceNames limit the rule to those names', rule: rule({ resourceNames: ['api'] }), a: attrs(), want: false },
    { name: 'resourceNames match a listed name', rule: rule({ resourceNames: ['web'] }), a: attrs(), want: true },
  ])('$name', ({ rule: r, a, want }) => {
    expect(ruleMatches(r, a)).toBe(want);
  });
});

const ns = (labels: Record<string, string>) => async () => ({ metadata: { name: 'team-a', labels } });

describe('matchConstraints', () => {
  it.each([
    { name: 'an excluded resource does not match even when a rule includes it', m: { resourceRules: [rule()], excludeResourceRules: [rule({ operations: ['CREATE'] })] }, labels: {}, want: false },
    { name: 'a namespaceSelector matches the namespace labels', m: { resourceRules: [rule()], namespaceSelector: { matchLabels: { env: 'prod' } } }, labels: { env: 'prod' }, want: true },
    { name: 'a namespaceSelector leaves other namespaces out', m: { resourceRules: [rule()], namespaceSelector: { matchLabels: { env: 'prod' } } }, labels: { env: 'dev' }, want: false },
    { name: 'an objectSelector matches the object labels', m: { resourceRules: [rule()], objectSelector: { matchLabels: { tier: 'front' } } }, labels: {}, want: true },
    { name: 'an objectSelector leaves other objects out', m: { resourceRules: [rule()], objectSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] } }, labels: {}, want: false },
  ])('$name', async ({ m, labels, want }) => {
    expect(await matches(m as MatchResources, attrs(), ns(labels as Record<string, string>))).toBe(want);
  });

  it('matches a cluster-scoped object whatever the namespaceSelector says', async () => {
    const a = attrs({ namespaced: false, namespace: '', resource: { group: '', version: 'v1', resource: 'nodes' } });
    const m = { resourceRules: [rule({ apiGroups: [''], resources: ['nodes'] })], namespaceSelector: { matchLabels: { env: 'prod' } } };
    expect(await matches(m, a, async () => null)).toBe(true);
  });

  it('matches a Namespace by its own labels', async () => {
    const a = attrs({ namespaced: false, namespace: '', resource: { group: '', version: 'v1', resource: 'namespaces' }, object: { metadata: { name: 'x', labels: { env: 'prod' } } } });
    const m = { resourceRules: [rule({ apiGroups: [''], resources: ['namespaces'] })], namespaceSelector: { matchLabels: { env: 'prod' } } };
    expect(await matches(m, a, async () => null)).toBe(true);
  });

  it('matches an objectSelector against the old object on delete', async () => {
    const a = attrs({ operation: 'DELETE', object: null, oldObject: { metadata: { name: 'web', labels: { tier: 'front' } } } });
    expect(await matches({ resourceRules: [rule({ operations: ['DELETE'] })], objectSelector: { matchLabels: { tier: 'front' } } }, a, ns({}))).toBe(true);
  });

  it('does not read the namespace when the selector selects everything', async () => {
    let reads = 0;
    await matches({ resourceRules: [rule()], namespaceSelector: {} }, attrs(), async () => {
      reads++;
      return null;
    });
    expect(reads).toBe(0);
  });

  it('lets a binding without matchResources apply wherever its policy does, and one with only a selector narrow it', async () => {
    expect(await bindingMatches(undefined, attrs(), ns({}))).toBe(true);
    expect(await bindingMatches({ namespaceSelector: { matchLabels: { env: 'prod' } } }, attrs(), ns({ env: 'dev' }))).toBe(false);
    expect(await bindingMatches({ namespaceSelector: { matchLabels: { env: 'prod' } } }, attrs(), ns({ env: 'prod' }))).toBe(true);
  });
});
