import { describe, it, expect } from 'vitest';
import { admit, lines } from '../networking/admit.testing';
import { event } from './event';

const scheduled = () => ({
  apiVersion: 'events.k8s.io/v1',
  kind: 'Event',
  metadata: { name: 'web-0.17a2b3c4d5e6f708', namespace: 'default' },
  eventTime: '2026-01-02T15:04:05.123456Z',
  reportingController: 'default-scheduler',
  reportingInstance: 'default-scheduler-control-plane',
  action: 'Binding',
  reason: 'Scheduled',
  regarding: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: '0b9c1a2e-0000-4000-8000-000000000002', apiVersion: 'v1', resourceVersion: '812' },
  note: 'Successfully assigned default/web-0 to node-1',
  type: 'Normal',
});

describe('Event (events.k8s.io/v1)', () => {
  it('accepts a scheduler event', () => {
    const r = admit(event, scheduled());
    expect(r.issues).toEqual([]);
    expect(r.causes).toEqual([]);
    expect(event.shortNames).toEqual(['ev']);
  });

  it('requires eventTime and detects unknown fields', () => {
    const m: any = scheduled();
    delete m.eventTime;
    expect(admit(event, m).issues[0]?.path).toEqual(['eventTime']);
    expect(admit(event, { ...scheduled(), message: 'x' }).issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['message'] });
  });

  it('reports missing reporter fields, bad type, series and legacy fields', () => {
    const m: any = scheduled();
    delete m.reportingController;
    m.action = '';
    m.type = 'Info';
    m.series = { count: 1 };
    m.deprecatedCount = 3;
    expect(lines(admit(event, m))).toEqual([
      'reportingController: Required value',
      'action: Required value',
      'series.count: Invalid value: "": should be at least 2',
      'series.lastObservedTime: Required value',
      'type: Invalid value: "": has invalid value: Info',
      'deprecatedCount: Invalid value: "": needs to be unset',
    ]);
  });

  it('puts events about cluster-scoped objects in default or kube-system', () => {
    const m: any = scheduled();
    m.metadata.namespace = 'team-a';
    m.regarding = { kind: 'Node', name: 'node-1', apiVersion: 'v1' };
    expect(lines(admit(event, m))).toEqual(['regarding.namespace: Invalid value: "": does not match event.namespace']);
  });

  it('allows series updates but keeps what happened immutable', () => {
    const old = admit(event, scheduled()).obj!;
    const bump: any = scheduled();
    bump.series = { count: 2, lastObservedTime: '2026-01-02T15:05:00.000000Z' };
    expect(admit(event, bump, old).causes).toEqual([]);
    const edit: any = scheduled();
    edit.reason = 'Preempted';
    expect(lines(admit(event, edit, old))).toEqual(['reason: Invalid value: "Preempted": field is immutable']);
  });

  it('exposes upstream field selectors', () => {
    const f = event.fields!(admit(event, scheduled()).obj as any);
    expect(f).toMatchObject({
      'regarding.kind': 'Pod',
      'regarding.name': 'web-0',
      'regarding.namespace': 'default',
      'regarding.fieldPath': '',
      reason: 'Scheduled',
      reportingController: 'default-scheduler',
      type: 'Normal',
    });
    expect(Object.keys(f)).toHaveLength(10);
  });
});
