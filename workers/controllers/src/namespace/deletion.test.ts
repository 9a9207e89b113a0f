import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../kube/registry/types';
import { conditionsChanged, deletableResources, deletionConditions, finalizeBody, holdsOurFinalizer, requeueDelayMs, summarize } from './deletion';

const r = (name: string, namespaced = true, verbs = ['create', 'delete', 'deletecollection', 'get', 'list']) => ({ name, namespaced, verbs });
const obj = (name: string, uid = `uid-${name}`, finalizers?: string[]): KObject => ({ metadata: { name, uid, ...(finalizers ? { finalizers } : {}) } });

describe('deletableResources', () => {
  it('keeps namespaced, listable, deletable resources once per group', () => {
    const targets = deletableResources([
      { groupVersion: 'v1', resources: [r('pods'), r('pods/status', true, ['get', 'patch']), r('nodes', false), r('bindings', true, ['create']), r('configmaps', true, ['delete', 'get', 'list'])] },
      { groupVersion: 'apps/v1', resources: [r('deployments')] },
      { groupVersion: 'example.com/v2', resources: [r('widgets')] },
      { groupVersion: 'example.com/v1', resources: [r('widgets')] },
    ]);
    expect(targets.map((t) => `${t.group}/${t.version}/${t.plural}:${t.canDeleteCollection}`)).toEqual(['/v1/pods:true', '/v1/configmaps:false', 'apps/v1/deployments:true', 'example.com/v2/widgets:true']);
  });
});

describe('summarize and conditions', () => {
  const now = '2024-01-01T00:01:00Z';
  it.each([
    {
      name: 'nothing left',
      results: [{ resource: 'pods', remaining: [] }],
      want: { remaining: 0, content: 'False', finalizers: 'False', failure: 'False' },
    },
    {
      name: 'objects held by finalizers',
      results: [
        { resource: 'configmaps', remaining: [obj('a', 'u1', ['example.com/x']), obj('b', 'u2', ['example.com/x'])] },
        { resource: 'widgets.example.com', remaining: [obj('w', 'u3', ['example.com/y'])] },
      ],
      want: { remaining: 3, content: 'True', finalizers: 'True', failure: 'False' },
    },
    {
      name: 'a pod shutting down counts as content but not as a finalizer',
      results: [{ resource: 'pods', remaining: [obj('p')] }],
      want: { remaining: 1, content: 'True', finalizers: 'False', failure: 'False' },
    },
    {
      name: 'the same object served under two groups counts once',
      results: [
        { resource: 'events', remaining: [obj('e', 'u9')] },
        { resource: 'events.events.k8s.io', remaining: [obj('e', 'u9')] },
      ],
      want: { remaining: 1, content: 'True', finalizers: 'False', failure: 'False' },
    },
    {
      name: 'a failed resource is reported',
      results: [{ resource: 'secrets', remaining: [], error: 'boom' }],
      want: { remaining: 0, content: 'False', finalizers: 'False', failure: 'True' },
    },
  ])('$name', ({ results, want }) => {
    const s = summarize(results);
    expect(s.remaining).toBe(want.remaining);
    const conds = deletionConditions(undefined, s, now);
    const status = (t: string) => conds.find((c) => c.type === t)?.status;
    expect({ content: status('NamespaceContentRemaining'), finalizers: status('NamespaceFinalizersRemaining'), failure: status('NamespaceDeletionContentFailure') }).toEqual({
      content: want.content,
      finalizers: want.finalizers,
      failure: want.failure,
    });
    expect(conds.every((c) => c.lastTransitionTime === now)).toBe(true);
  });

  it('names the finalizers and counts what they hold', () => {
    const s = summarize([{ resource: 'configmaps', remaining: [obj('a', 'u1', ['example.com/x']), obj('b', 'u2', ['example.com/x'])] }]);
    const c = deletionConditions(undefined, s, now).find((x) => x.type === 'NamespaceFinalizersRemaining');
    expect(c?.message).toContain('example.com/x (2 held)');
  });

  it('keeps transition times of unchanged conditions and reports discovery failures', () => {
    const first = deletionConditions(undefined, summarize([]), '2024-01-01T00:00:00Z');
    const again = deletionConditions(first, summarize([{ resource: 'pods', remaining: [obj('p')] }]), now);
    expect(again.find((c) => c.type === 'NamespaceDeletionDiscoveryFailure')?.lastTransitionTime).toBe('2024-01-01T00:00:00Z');
    expect(again.find((c) => c.type === 'NamespaceContentRemaining')?.lastTransitionTime).toBe(now);
    expect(conditionsChanged(first, again)).toBe(true);
    expect(conditionsChanged(first, deletionConditions(first, summarize([]), now))).toBe(false);
    const failed = deletionConditions(first, { discoveryError: 'timeout' }, now);
    expect(failed.find((c) => c.type === 'NamespaceDeletionDiscoveryFailure')).toMatchObject({ status: 'True', reason: 'DiscoveryFailed', lastTransitionTime: now });
    expect(failed).toHaveLength(first.length);
  });
});

describe('requeueDelayMs', () => {
  const t0 = Date.parse('2024-01-01T00:00:00Z');
  it.each([
    { name: 'right after deletion', after: 0, want: 1_000 },
    { name: 'after 20s', after: 20_000, want: 4_000 },
    { name: 'capped after a long time', after: 3_600_000, want: 30_000 },
  ])('$name', ({ after, want }) => {
    expect(requeueDelayMs('2024-01-01T00:00:00Z', t0 + after)).toBe(want);
  });
});

describe('finalize', () => {
  const ns = (finalizers: string[], deleting = true): KObject => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'x', ...(deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}) },
    spec: { finalizers },
  });
  it.each([
    { name: 'a deleting namespace with our finalizer', o: ns(['kubernetes']), want: true },
    { name: 'an active namespace', o: ns(['kubernetes'], false), want: false },
    { name: 'already finalized by us', o: ns(['example.com/other']), want: false },
  ])('$name', ({ o, want }) => {
    expect(holdsOurFinalizer(o)).toBe(want);
  });
  it('removes only the kubernetes finalizer', () => {
    expect(finalizeBody(ns(['kubernetes', 'example.com/other'])).spec).toEqual({ finalizers: ['example.com/other'] });
  });
});
