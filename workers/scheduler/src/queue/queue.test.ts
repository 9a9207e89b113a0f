import { describe, expect, it } from 'vitest';
import { PodBuilder } from '../framework/testing';
import { LazyHeap } from './heap';
import { SchedulingQueue, UNSCHEDULABLE_FLUSH_MS, backoffFor } from '.';

function setup() {
  const clock = { t: 1_000_000 };
  const q = new SchedulingQueue(() => clock.t);
  const add = (name: string, priority = 0) => {
    const pod = new PodBuilder(name).priority(priority).obj;
    q.upsert(`default/${name}`, pod);
    return pod;
  };
  const popKey = () => q.pop()?.key;
  return { clock, q, add, popKey };
}

describe('LazyHeap', () => {
  it('orders, replaces and deletes', () => {
    const h = new LazyHeap<{ key: string; seq: number; v: number }>((a, b) => a.v < b.v);
    for (const [k, v] of [['a', 5], ['b', 1], ['c', 3]] as const) h.push({ key: k, v });
    h.push({ key: 'a', v: 0 });
    h.delete('c');
    expect([h.pop()?.key, h.pop()?.key, h.pop()?.key]).toEqual(['a', 'b', undefined]);
  });
});

describe('SchedulingQueue', () => {
  it('pops by priority, then by age', () => {
    const { clock, add, popKey } = setup();
    add('old-low');
    clock.t++;
    add('high', 100);
    clock.t++;
    add('young-low');
    expect([popKey(), popKey(), popKey(), popKey()]).toEqual(['default/high', 'default/old-low', 'default/young-low', undefined]);
  });

  it('does not hand out an in-flight pod twice, even when it is updated', () => {
    const { q, add, popKey } = setup();
    const pod = add('p');
    expect(popKey()).toBe('default/p');
    q.upsert('default/p', { ...pod, metadata: { ...pod.metadata, labels: { x: 'y' } } });
    expect(popKey()).toBeUndefined();
    q.done('default/p');
    expect(q.has('default/p')).toBe(false);
  });

  it('backs off errors exponentially from 1s to 10s', () => {
    expect([1, 2, 3, 4, 5, 9].map(backoffFor)).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
    const { clock, q, add, popKey } = setup();
    add('p');
    popKey();
    q.errorAgain('default/p');
    q.flush();
    expect(popKey()).toBeUndefined();
    expect(q.nextDue()).toBe(clock.t + 1000);
    clock.t += 1000;
    q.flush();
    expect(popKey()).toBe('default/p');
    q.errorAgain('default/p');
    expect(q.nextDue()).toBe(clock.t + 2000);
  });

  it('parks unschedulable pods until a relevant event', () => {
    const { clock, q, add, popKey } = setup();
    add('cpu');
    add('taint');
    popKey();
    popKey();
    q.unschedulableAgain('default/cpu', new Set(['NodeResourcesFit']));
    q.unschedulableAgain('default/taint', new Set(['TaintToleration']));
    expect(q.stats).toMatchObject({ unschedulable: 2, active: 0 });
    // A deleted pod frees cpu but cannot remove a taint.
    expect(q.onEvent('AssignedPodDelete')).toBe(1);
    clock.t += 1000; // past the first back-off
    q.flush();
    expect(popKey()).toBe('default/cpu');
    expect(popKey()).toBeUndefined();
    q.unschedulableAgain('default/cpu', new Set(['NodeResourcesFit']));
    // A node change may help anyone; cpu is still inside its (2 s) back-off, so it waits there first.
    expect(q.onEvent('NodeUpdate')).toBe(2);
    expect(popKey()).toBe('default/taint');
    expect(popKey()).toBeUndefined();
    expect(q.stats.backoff).toBe(1);
  });

  it('sends a pod to back-off when a move happened during its cycle', () => {
    const { clock, q, add, popKey } = setup();
    add('p');
    popKey();
    q.onEvent('NodeAdd');
    q.unschedulableAgain('default/p', new Set(['NodeResourcesFit']));
    expect(q.stats).toMatchObject({ unschedulable: 0, backoff: 1 });
    clock.t += 1000;
    q.flush();
    expect(popKey()).toBe('default/p');
  });

  it('flushes unschedulable pods after 60 s, and releases one whose spec changed', () => {
    const { clock, q, add, popKey } = setup();
    const a = add('a');
    add('b');
    popKey();
    popKey();
    q.unschedulableAgain('default/a', new Set(['NodeAffinity']));
    q.unschedulableAgain('default/b', new Set(['NodeAffinity']));
    expect(q.nextDue()).toBe(clock.t + UNSCHEDULABLE_FLUSH_MS);
    clock.t += 2000;
    q.upsert('default/a', a, false); // a status-only update: stays parked
    expect(popKey()).toBeUndefined();
    q.upsert('default/a', { ...a, spec: { ...a.spec, tolerations: [{ operator: 'Exists' }] } });
    expect(popKey()).toBe('default/a');
    clock.t += UNSCHEDULABLE_FLUSH_MS;
    q.flush();
    expect(popKey()).toBe('default/b');
  });

  it('forgets deleted pods wherever they are', () => {
    const { q, add, popKey } = setup();
    add('a');
    add('b');
    q.delete('default/a');
    expect(popKey()).toBe('default/b');
    q.errorAgain('default/b');
    q.delete('default/b');
    expect(q.stats).toMatchObject({ active: 0, unschedulable: 0, inFlight: 0 });
  });
});
