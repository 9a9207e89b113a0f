import { describe, expect, it } from 'vitest';
import { aggregateClusterRoles } from './aggregate';
import { defaultClusterRoles } from './defaults';
import { clusterRole, rule } from './rbac.testing';

const TO_VIEW = { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' };
const r1 = rule(['get'], [''], ['pods']);
const r2 = rule(['list'], [''], ['pods']);
const r3 = rule(['get'], ['apps'], ['deployments']);

describe('aggregateClusterRoles', () => {
  it('gives an aggregated role the rules of the roles its selector matches, by name order', () => {
    const eff = aggregateClusterRoles([
      clusterRole('monitoring', [], { aggregateFrom: [{ team: 'mon' }] }),
      clusterRole('b', [r2], { labels: { team: 'mon' } }),
      clusterRole('a', [r1], { labels: { team: 'mon' } }),
      clusterRole('c', [r3], { labels: { team: 'other' } }),
    ]);
    expect(eff.get('monitoring')).toEqual([r1, r2]);
    expect(eff.get('c')).toEqual([r3]);
  });

  it('unions several selectors and drops duplicate rules', () => {
    const eff = aggregateClusterRoles([
      clusterRole('agg', [], { aggregateFrom: [{ x: '1' }, { y: '1' }] }),
      clusterRole('a', [r1, r2], { labels: { x: '1' } }),
      clusterRole('b', [{ ...r1, resourceNames: [] }, r3], { labels: { y: '1' } }),
    ]);
    // An empty resourceNames list is the same rule as none.
    expect(eff.get('agg')).toEqual([r1, r2, r3]);
  });

  it('ignores the rules stored in an aggregated role', () => {
    const eff = aggregateClusterRoles([clusterRole('agg', [r3], { aggregateFrom: [{ x: '1' }] }), clusterRole('a', [r1], { labels: { x: '1' } })]);
    expect(eff.get('agg')).toEqual([r1]);
  });

  it('does not aggregate a role into itself', () => {
    const eff = aggregateClusterRoles([clusterRole('agg', [r3], { aggregateFrom: [{ x: '1' }], labels: { x: '1' } })]);
    expect(eff.get('agg')).toEqual([]);
  });

  it('follows nested aggregation whatever the order of names', () => {
    const eff = aggregateClusterRoles([
      clusterRole('a-top', [], { aggregateFrom: [{ level: 'mid' }] }),
      clusterRole('z-mid', [], { aggregateFrom: [{ level: 'leaf' }], labels: { level: 'mid' } }),
      clusterRole('leaf', [r1], { labels: { level: 'leaf' } }),
    ]);
    expect(eff.get('a-top')).toEqual([r1]);
  });

  it('settles on the union for roles that aggregate each other', () => {
    const eff = aggregateClusterRoles([
      clusterRole('p', [], { aggregateFrom: [{ ring: 'q' }, { leaf: 'p' }], labels: { ring: 'p' } }),
      clusterRole('q', [], { aggregateFrom: [{ ring: 'p' }, { leaf: 'q' }], labels: { ring: 'q' } }),
      clusterRole('lp', [r1], { labels: { leaf: 'p' } }),
      clusterRole('lq', [r2], { labels: { leaf: 'q' } }),
    ]);
    expect(new Set(eff.get('p'))).toEqual(new Set([r1, r2]));
    expect(new Set(eff.get('q'))).toEqual(new Set([r1, r2]));
  });

  it('treats an invalid stored selector as selecting nothing', () => {
    const bad = clusterRole('agg', [], {});
    bad.aggregationRule = { clusterRoleSelectors: [{ matchExpressions: [{ key: 'x', operator: 'Sometimes' }] }] };
    expect(aggregateClusterRoles([bad, clusterRole('a', [r1], { labels: { x: '1' } })]).get('agg')).toEqual([]);
  });

  it('builds admin from edit from view with the default roles, plus custom roles labelled to join', () => {
    const custom = clusterRole('widgets-view', [rule(['get'], ['example.com'], ['widgets'])], { labels: TO_VIEW });
    const eff = aggregateClusterRoles([...defaultClusterRoles(), custom]);
    const view = eff.get('view')!;
    const edit = eff.get('edit')!;
    const admin = eff.get('admin')!;
    expect(view).toContainEqual(custom.rules![0]);
    for (const r of view) expect(edit).toContainEqual(r);
    for (const r of edit) expect(admin).toContainEqual(r);
    expect(edit.length).toBeGreaterThan(view.length);
    expect(admin.length).toBeGreaterThan(edit.length);
  });
});
