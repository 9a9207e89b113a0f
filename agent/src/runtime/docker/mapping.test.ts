// Engine responses → contract shapes: states, stats (cgroup v1 and v2), events.
import { describe, expect, it } from 'vitest';
import { mapState } from './status';
import { isEmptySample, toContainerStats } from './stats';
import { toRuntimeEvent } from './events';

describe('mapState', () => {
  it.each([
    ['running', 'running'],
    ['paused', 'running'],
    ['exited', 'exited'],
    ['stopped', 'exited'],
    ['dead', 'exited'],
    ['created', 'created'],
    ['configured', 'created'],
    ['removing', 'unknown'],
    [undefined, 'unknown'],
  ])('maps %s to %s', (engine, contract) => {
    expect(mapState(engine)).toBe(contract);
  });
});

describe('toContainerStats', () => {
  it('subtracts total_inactive_file on cgroup v1', () => {
    const s = toContainerStats({
      read: '2026-11-26T10:00:00Z',
      cpu_stats: { cpu_usage: { total_usage: 123456789 } },
      memory_stats: { usage: 10_000_000, stats: { total_inactive_file: 4_000_000, inactive_file: 1 } },
    });
    expect(s).toEqual({ cpuUsageNanos: 123456789, memoryWorkingSetBytes: 6_000_000, timestamp: '2026-11-26T10:00:00Z' });
  });

  it('recognises the empty sample of a container that is not running', () => {
    expect(isEmptySample({ read: '0001-01-01T00:00:00Z' })).toBe(true);
    expect(isEmptySample({})).toBe(true);
    expect(isEmptySample({ read: '2026-11-26T10:00:00Z' })).toBe(false);
  });

  it('subtracts inactive_file on cgroup v2 and never goes negative', () => {
    expect(toContainerStats({ memory_stats: { usage: 5_000, stats: { inactive_file: 1_000 } } }).memoryWorkingSetBytes).toBe(4_000);
    expect(toContainerStats({ memory_stats: { usage: 5_000, stats: { inactive_file: 9_000 } } }).memoryWorkingSetBytes).toBe(0);
  });
});

describe('toRuntimeEvent', () => {
  it('maps a die with its exit code and keeps the labels', () => {
    const ev = toRuntimeEvent({
      Type: 'container',
      Action: 'die',
      timeNano: 1_700_000_000_123_000_000,
      Actor: { ID: 'abc', Attributes: { exitCode: '3', 'dev.kubeflare.managed': 'true', name: 'x' } },
    });
    expect(ev).toEqual({ type: 'die', containerId: 'abc', labels: { 'dev.kubeflare.managed': 'true', name: 'x' }, time: 1_700_000_000_123, exitCode: 3 });
  });

  it('ignores events the kubelet does not react to', () => {
    expect(toRuntimeEvent({ Type: 'container', Action: 'exec_start', Actor: { ID: 'a' } })).toBeNull();
    expect(toRuntimeEvent({ Type: 'image', Action: 'pull', Actor: { ID: 'a' } })).toBeNull();
  });

  it('maps start, oom and destroy without an exit code', () => {
    for (const action of ['start', 'oom', 'destroy'] as const) {
      const ev = toRuntimeEvent({ Type: 'container', Action: action, time: 1_700_000_000, Actor: { ID: 'a', Attributes: {} } });
      expect(ev).toEqual({ type: action, containerId: 'a', labels: {}, time: 1_700_000_000_000 });
    }
  });
});
