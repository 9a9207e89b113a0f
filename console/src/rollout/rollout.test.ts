import { describe, expect, it } from 'vitest';
import type { Obj } from '../overview/summary';
import { pausePatch, restartPatch, revisions, undoPlan } from './rollout';

const template = (image: string, hash?: string) => ({ metadata: { labels: { app: 'web', ...(hash ? { 'pod-template-hash': hash } : {}) } }, spec: { containers: [{ name: 'main', image }] } });
const deploy = (image: string, extra: Record<string, unknown> = {}): Obj => ({ metadata: { name: 'web', uid: 'd1' }, spec: { template: template(image), ...extra } });
const rs = (name: string, rev: string | undefined, image: string, owner = 'd1', cause?: string): Obj =>
  ({
    metadata: { name, uid: name, ownerReferences: [{ kind: 'Deployment', name: 'web', uid: owner, controller: true }], annotations: { ...(rev ? { 'deployment.kubernetes.io/revision': rev } : {}), ...(cause ? { 'kubernetes.io/change-cause': cause } : {}) } },
    spec: { template: template(image, name.slice(4)) },
  }) as Obj;

const sets = [rs('web-aaa', '1', 'busybox:1', 'd1', 'first'), rs('web-bbb', '3', 'busybox:3'), rs('web-ccc', '2', 'busybox:2'), rs('web-xxx', '9', 'x', 'other'), rs('web-nor', undefined, 'y')];

describe('rollout', () => {
  it('restarts with kubectl’s restartedAt annotation and pauses/resumes spec.paused', () => {
    expect(restartPatch(new Date('2026-11-26T14:00:00.123Z')).body).toEqual({ spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-26T14:00:00Z' } } } } });
    expect(pausePatch(true)).toEqual({ type: 'application/merge-patch+json', body: { spec: { paused: true } } });
  });

  it('lists the revisions of the Deployment’s own ReplicaSets, newest first', () => {
    const h = revisions(deploy('busybox:3'), sets);
    expect(h.map((r) => [r.revision, r.replicaSet, r.images[0]])).toEqual([
      [3, 'web-bbb', 'busybox:3'],
      [2, 'web-ccc', 'busybox:2'],
      [1, 'web-aaa', 'busybox:1'],
    ]);
    expect(h[2].changeCause).toBe('first');
  });

  it('undoes to the previous revision by default, without the pod-template-hash label', () => {
    const d = deploy('busybox:3');
    const plan = undoPlan(d, revisions(d, sets));
    expect(plan.ok && plan.revision).toBe(2);
    const body = plan.ok ? (plan.patch.body as { op: string; path: string; value: unknown }[]) : [];
    expect(body[0]).toEqual({ op: 'replace', path: '/spec/template', value: template('busybox:2') });
    const to1 = undoPlan(d, revisions(d, sets), 1);
    expect(to1.ok && (to1.patch.body as { value: unknown }[])[1].value).toEqual({ 'kubernetes.io/change-cause': 'first' });
  });

  it('refuses as kubectl does: paused, unknown revision, already current', () => {
    expect(undoPlan(deploy('busybox:3', { paused: true }), revisions(deploy('x'), sets))).toMatchObject({ ok: false, message: expect.stringContaining('resume it first') });
    expect(undoPlan(deploy('busybox:3'), revisions(deploy('x'), sets), 7)).toEqual({ ok: false, message: 'unable to find specified revision 7 in history' });
    expect(undoPlan(deploy('busybox:2'), revisions(deploy('x'), sets), 2)).toEqual({ ok: false, message: 'skipped rollback (current template already matches revision 2)' });
    expect(undoPlan(deploy('busybox:2'), [])).toMatchObject({ ok: false, message: 'no rollout history found for deployment "web"' });
  });
});
