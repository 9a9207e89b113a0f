import { describe, expect, it } from 'vitest';
import type { Obj } from '../overview/summary';
import { cordonPatch, drainPlan, eviction, evictionPath } from './drain';

const pod = (name: string, o: { owner?: string; mirror?: boolean; emptyDir?: boolean; phase?: string } = {}): Obj => ({
  metadata: {
    name,
    namespace: 'default',
    ...(o.owner ? { ownerReferences: [{ kind: o.owner, name: 'x', uid: 'u', controller: true }] } : {}),
    ...(o.mirror ? { annotations: { 'kubernetes.io/config.mirror': 'abc' } } : {}),
  } as Obj['metadata'],
  spec: { volumes: o.emptyDir ? [{ name: 'scratch', emptyDir: {} }] : [] },
  status: { phase: o.phase ?? 'Running' },
});

const pods = [pod('web-1', { owner: 'ReplicaSet' }), pod('agent-x', { owner: 'DaemonSet' }), pod('static', { mirror: true }), pod('bare'), pod('cache', { owner: 'StatefulSet', emptyDir: true }), pod('done', { phase: 'Succeeded' })];
const names = (refs: { name: string }[]) => refs.map((r) => r.name);

describe('drain', () => {
  it('skips DaemonSet and mirror pods and blocks unmanaged and emptyDir pods, as kubectl drain', () => {
    const plan = drainPlan(pods, { force: false, deleteEmptyDirData: false });
    expect(names(plan.evict)).toEqual(['web-1', 'done']);
    expect(plan.skipped).toEqual([
      { namespace: 'default', name: 'agent-x', reason: 'DaemonSet-managed' },
      { namespace: 'default', name: 'static', reason: 'mirror pod' },
    ]);
    expect(names(plan.blocked)).toEqual(['bare', 'cache']);
  });

  it('evicts them too with force and delete-emptydir-data', () => {
    expect(names(drainPlan(pods, { force: true, deleteEmptyDirData: true }).evict)).toEqual(['web-1', 'bare', 'cache', 'done']);
    expect(names(drainPlan(pods, { force: true, deleteEmptyDirData: false }).blocked)).toEqual(['cache']);
  });

  it('builds the cordon patch and the policy/v1 Eviction', () => {
    expect(cordonPatch(true).body).toEqual({ spec: { unschedulable: true } });
    expect(cordonPatch(false).body).toEqual({ spec: { unschedulable: null } });
    expect(evictionPath({ namespace: 'a b', name: 'p' })).toBe('/api/v1/namespaces/a%20b/pods/p/eviction');
    expect(eviction({ namespace: 'n', name: 'p' })).toEqual({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'p', namespace: 'n' } });
  });
});
