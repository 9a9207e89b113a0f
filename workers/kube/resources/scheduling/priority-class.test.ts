import { describe, it, expect } from 'vitest';
import { admit, lines } from '../networking/admit.testing';
import { priorityClass } from './priority-class';

const high = () => ({
  apiVersion: 'scheduling.k8s.io/v1',
  kind: 'PriorityClass',
  metadata: { name: 'high-priority' },
  value: 1000000,
  globalDefault: false,
  description: 'For XYZ service pods only.',
});

describe('PriorityClass', () => {
  it('defaults preemptionPolicy', () => {
    const r = admit(priorityClass, high());
    expect(r.issues).toEqual([]);
    expect(r.causes).toEqual([]);
    expect((r.obj as any).preemptionPolicy).toBe('PreemptLowerPriority');
    expect(priorityClass.shortNames).toEqual(['pc']);
  });

  it('requires an int32 value and detects unknown fields', () => {
    expect(admit(priorityClass, { metadata: { name: 'x' } }).issues[0]?.path).toEqual(['value']);
    expect(admit(priorityClass, { metadata: { name: 'x' }, value: 2 ** 31 }).issues.length).toBe(1);
    expect(admit(priorityClass, { ...high(), priority: 1 }).issues[0]).toMatchObject({ code: 'unrecognized_keys' });
  });

  it('reserves system names and values', () => {
    const r = admit(priorityClass, { metadata: { name: 'system-mine' }, value: 2000000000, preemptionPolicy: 'Sometimes' });
    expect(lines(r)).toEqual([
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only",
      'value: Forbidden: maximum allowed value of a user defined priority is 1000000000',
      'preemptionPolicy: Unsupported value: "Sometimes": supported values: "Never", "PreemptLowerPriority"',
    ]);
    expect(admit(priorityClass, { metadata: { name: 'system-node-critical' }, value: 2000001000 }).causes).toEqual([]);
  });

  it('keeps value and preemptionPolicy immutable', () => {
    const old = admit(priorityClass, high()).obj!;
    const r = admit(priorityClass, { ...high(), value: 5, preemptionPolicy: 'Never' }, old);
    expect(lines(r)).toEqual(['value: Forbidden: may not be changed in an update.', 'preemptionPolicy: Invalid value: "Never": field is immutable']);
    expect(admit(priorityClass, { ...high(), description: 'changed' }, old).causes).toEqual([]);
  });
});
