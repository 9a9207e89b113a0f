import { describe, expect, it } from 'vitest';
import type { KObject } from '../registry/types';
import { apply, owners, schema, T0, T1, T2, webConfig, written } from './fixtures.test-helpers';
import { updateManagedFields } from './update';

/** JSON merge patch (RFC 7386), enough to play kubectl's merge-patch writes. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? structuredClone(target as Record<string, unknown>) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

const patched = (live: KObject, patch: unknown, manager: string, time: string) => written(live, mergePatch(live, patch) as Record<string, unknown>, manager, time);

describe('managedFields after ordinary writes', () => {
  it('kubectl create of a Deployment records what a real cluster shows for it', () => {
    const body = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'nginx', labels: { app: 'nginx' } },
      spec: { replicas: 1, selector: { matchLabels: { app: 'nginx' } }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    };
    const [entry] = written(undefined, body, 'kubectl-create').metadata.managedFields as Record<string, unknown>[];
    // The fieldsV1 a real API server returned for this `kubectl create` (seen in a public kubectl -v8 log).
    expect(JSON.stringify(entry)).toBe(
      '{"manager":"kubectl-create","operation":"Update","apiVersion":"apps/v1","time":"2026-01-02T03:04:05Z","fieldsType":"FieldsV1","fieldsV1":' +
        '{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:progressDeadlineSeconds":{},"f:replicas":{},"f:revisionHistoryLimit":{},"f:selector":{},' +
        '"f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},' +
        '"f:spec":{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},' +
        '"f:dnsPolicy":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{}}}}}}',
    );
  });

  it('a merge patch moves the fields it changes to its manager and leaves the rest with their owner', () => {
    const created = written(undefined, webConfig({ replicas: 3 }), 'kubectl-client-side-apply');
    const scaled = patched(created, { spec: { replicas: 5 } }, 'kubectl-edit', T1);
    const o = owners(scaled);
    expect(o['kubectl-edit/Update']).toBe('{"f:spec":{"f:replicas":{}}}');
    expect(o['kubectl-client-side-apply/Update']).not.toContain('f:replicas');
    expect(o['kubectl-client-side-apply/Update']).toContain('f:image');
    // Oldest Update first.
    expect((scaled.metadata.managedFields as { manager: string }[]).map((e) => e.manager)).toEqual(['kubectl-client-side-apply', 'kubectl-edit']);
  });

  it('adding a label to an object without labels owns the map itself too', () => {
    const created = written(undefined, { ...webConfig(), metadata: { name: 'web', namespace: 'default' } }, 'kubectl-create');
    const labelled = patched(created, { metadata: { labels: { env: 'prod' } } }, 'kubectl-label', T1);
    expect(owners(labelled)['kubectl-label/Update']).toBe('{"f:metadata":{"f:labels":{".":{},"f:env":{}}}}');
  });

  it('removing a field takes it from every owner and drops owners left with nothing', () => {
    const created = written(undefined, webConfig({ labels: { app: 'web' } }), 'kubectl-create');
    const labelled = patched(created, { metadata: { labels: { tier: 'front' } } }, 'kubectl-label', T1);
    const unlabelled = patched(labelled, { metadata: { labels: { tier: null } } }, 'kubectl-annotate', T2);
    expect(Object.keys(owners(unlabelled))).toEqual(['kubectl-create/Update']);
  });

  it('the same manager writing again merges into its entry with the newer time', () => {
    const created = written(undefined, webConfig({ replicas: 3 }), 'kubectl-create');
    const a = patched(created, { spec: { replicas: 4 } }, 'kubectl-edit', T1);
    const b = patched(a, { metadata: { labels: { tier: 'x' } } }, 'kubectl-edit', T2);
    const entries = b.metadata.managedFields as { manager: string; time: string; fieldsV1: unknown }[];
    const edit = entries.filter((e) => e.manager === 'kubectl-edit');
    expect(edit).toHaveLength(1);
    expect(edit[0].time).toBe(T2);
    expect(JSON.stringify(edit[0].fieldsV1)).toBe('{"f:metadata":{"f:labels":{"f:tier":{}}},"f:spec":{"f:replicas":{}}}');
  });

  it('a write that changes nothing leaves the entries and their times alone', () => {
    const created = written(undefined, webConfig(), 'kubectl-create');
    const again = patched(created, {}, 'kubectl-edit', T2);
    expect(again.metadata.managedFields).toEqual(created.metadata.managedFields);
  });

  it('a client sending managedFields replaces them; sending [{}] clears them', () => {
    const created = written(undefined, webConfig(), 'kubectl-create');
    const sent = { ...created, metadata: { ...created.metadata, managedFields: [{ manager: 'x', operation: 'Update', apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } }] } };
    expect(updateManagedFields(created, sent, 'kubectl-replace', 'Update', '', T1, schema).map((e) => e.manager)).toEqual(['x']);
    const cleared = { ...created, metadata: { ...created.metadata, managedFields: [{}] } };
    expect(updateManagedFields(created, cleared, 'kubectl-replace', 'Update', '', T1, schema)).toEqual([]);
  });

  it('a /status write is recorded with its subresource and owns only status', () => {
    const created = written(undefined, webConfig(), 'kubectl-create');
    const next = { ...structuredClone(created), status: { replicas: 1, conditions: [{ type: 'Available', status: 'True' }] } };
    const entries = updateManagedFields(created, next, 'kube-controller-manager', 'Update', 'status', T1, schema);
    expect(entries[1]).toEqual({
      manager: 'kube-controller-manager',
      operation: 'Update',
      apiVersion: 'apps/v1',
      time: T1,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:status': { 'f:conditions': { '.': {}, 'k:{"type":"Available"}': { '.': {}, 'f:status': {}, 'f:type': {} } }, 'f:replicas': {} } },
      subresource: 'status',
    });
  });

  it('appliers are listed before updaters', () => {
    const created = written(undefined, webConfig({ replicas: 3 }), 'kubectl-create', T0);
    const applied = apply(created, webConfig({ replicas: 3 }), 'kubectl', { time: T2 }).object;
    expect((applied.metadata.managedFields as { operation: string }[]).map((e) => e.operation)).toEqual(['Apply', 'Update']);
  });

  it('more than ten updaters fold the oldest into ancient-changes', () => {
    let obj = written(undefined, webConfig(), 'm0', '2026-01-01T00:00:00Z');
    for (let i = 1; i <= 11; i++) obj = patched(obj, { metadata: { labels: { [`l${i}`]: 'x' } } }, `m${i}`, `2026-01-01T00:00:${String(i).padStart(2, '0')}Z`);
    const names = (obj.metadata.managedFields as { manager: string }[]).map((e) => e.manager);
    expect(names).toHaveLength(10);
    expect(names[0]).toBe('ancient-changes');
    expect(owners(obj)['ancient-changes/Update']).toContain('"f:l1":{}');
    expect(names.slice(1)).toEqual(['m3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10', 'm11']);
  });
});
