import { describe, expect, it } from 'vitest';
import { NodeBuilder, PodBuilder } from '../framework/testing';
import { SchedulingQueue } from '../queue';
import { NODES, PODS, SchedulerCache } from '.';

const setup = () => {
  const queue = new SchedulingQueue();
  const cache = new SchedulerCache(queue);
  cache.apply(NODES, 'ADDED', new NodeBuilder('n1').obj);
  return { queue, cache };
};

describe('SchedulerCache', () => {
  it('queues pending pods of ours only, and counts bound pods on their node', () => {
    const { queue, cache } = setup();
    cache.apply(PODS, 'ADDED', new PodBuilder('mine').req({ cpu: '1' }).obj);
    const other = new PodBuilder('other').obj;
    other.spec.schedulerName = 'someone-else';
    cache.apply(PODS, 'ADDED', other);
    cache.apply(PODS, 'ADDED', new PodBuilder('bound').req({ cpu: '2' }).on('n1').obj);
    expect(queue.has('default/mine')).toBe(true);
    expect(queue.has('default/other')).toBe(false);
    expect(queue.has('default/bound')).toBe(false);
    expect(cache.snapshot.get('n1')!.pods.map((p) => p.key)).toEqual(['default/bound']);
  });

  it('keeps an assumed pod reserved until its binding is seen, and frees it on delete', () => {
    const { queue, cache } = setup();
    const pod = new PodBuilder('p').req({ cpu: '1' }).obj;
    cache.apply(PODS, 'ADDED', pod);
    expect(queue.pop()?.key).toBe('default/p');
    cache.snapshot.assume(pod, 'n1');
    // A late update of the still-pending copy neither drops the reservation nor requeues the pod.
    cache.apply(PODS, 'MODIFIED', { ...pod, metadata: { ...pod.metadata, labels: { a: 'b' } } });
    expect(cache.snapshot.isAssumed(pod)).toBe(true);
    expect(queue.pop()).toBeUndefined();
    const bound = { ...pod, spec: { ...pod.spec, nodeName: 'n1' } };
    cache.apply(PODS, 'MODIFIED', bound);
    expect(cache.snapshot.isAssumed(pod)).toBe(false);
    expect(cache.snapshot.nodeOf(pod)).toBe('n1');
    expect(queue.has('default/p')).toBe(false);
    cache.apply(PODS, 'DELETED', bound);
    expect(cache.snapshot.nodeOf(pod)).toBeUndefined();
  });

  it('turns node and pod changes into queue events, ignoring heartbeats', () => {
    const { queue, cache } = setup();
    const pod = new PodBuilder('p').req({ cpu: '1' }).obj;
    cache.apply(PODS, 'ADDED', pod);
    queue.pop();
    queue.unschedulableAgain('default/p', new Set(['NodeResourcesFit']));
    const n1 = new NodeBuilder('n1').obj;
    cache.apply(NODES, 'MODIFIED', { ...n1, status: { ...n1.status, conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: 'now' }] } });
    expect(queue.stats.unschedulable).toBe(1);
    cache.apply(NODES, 'MODIFIED', new NodeBuilder('n1').withAllocatable({ cpu: '64' }).obj);
    expect(queue.stats.unschedulable).toBe(0);
  });

  it('applies a relist as the difference from what it had', () => {
    const { cache } = setup();
    cache.replace(NODES, [new NodeBuilder('n2').obj]);
    expect(cache.snapshot.nodes.map((n) => n.name)).toEqual(['n2']);
  });
});
