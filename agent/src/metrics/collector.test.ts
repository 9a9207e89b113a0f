import { describe, expect, it } from 'vitest';
import { type ContainerRuntime, type ContainerStatus, LABELS } from '../runtime/types';
import { MetricsCollector, STATS_CONCURRENCY } from './collector';
import { MetricsPusher } from './pusher';

function container(id: string, pod: string, name: string, extra: Partial<ContainerStatus> = {}, kind = 'regular'): ContainerStatus {
  const labels = { [LABELS.nodeName]: 'n1', [LABELS.podName]: pod, [LABELS.podNamespace]: 'default', [LABELS.container]: name, [LABELS.containerKind]: kind };
  return { id, name: `k_${name}`, state: 'running', image: 'busybox', imageId: 'sha', labels, createdAt: '', ...extra };
}

/** A runtime whose containers' cpu counters the test advances. */
function stubRuntime(list: ContainerStatus[], cpu: Map<string, number>, clock: { t: number }): ContainerRuntime {
  return {
    listStates: async (labels?: Record<string, string>) =>
      list
        .filter((c) => Object.entries(labels ?? {}).every(([k, v]) => c.labels[k] === v))
        .map((c) => ({ id: c.id, state: c.state, labels: c.labels, kind: c.labels[LABELS.containerKind] === 'sandbox' ? 'sandbox' : 'container' })),
    stats: async (id: string) => (cpu.has(id) ? { cpuUsageNanos: cpu.get(id)!, memoryWorkingSetBytes: 10 * 1024 * 1024, timestamp: new Date(clock.t).toISOString() } : null),
  } as unknown as ContainerRuntime;
}

describe('MetricsCollector', () => {
  it('primes on the first call, then reports per-container rates grouped by pod and the host', async () => {
    const clock = { t: 1_000_000 };
    const list = [container('a', 'web', 'app'), container('b', 'web', 'sidecar'), container('s', 'web', 'sandbox', {}, 'sandbox'), container('x', 'gone', 'app', { state: 'exited' })];
    const cpu = new Map([['a', 0], ['b', 0], ['s', 0], ['x', 0]]);
    let hostCpu = 0;
    const collector = new MetricsCollector({ runtime: stubRuntime(list, cpu, clock), nodeName: 'n1', now: () => clock.t, readHost: async () => ({ cpuNanos: hostCpu, memoryWorkingSetBytes: 2 * 1024 ** 3 }) });
    expect(await collector.collect()).toBeUndefined();
    clock.t += 15_000;
    cpu.set('a', 7.5e9); // half a core over 15 s
    cpu.set('b', 0.15e9); // 10m
    hostCpu = 30e9; // two cores
    const sample = await collector.collect();
    expect(sample).toEqual({
      timestamp: new Date(clock.t).toISOString(),
      window: '15s',
      node: { cpu: '2000000000n', memory: '2097152Ki' },
      pods: [{ namespace: 'default', name: 'web', containers: [{ name: 'app', cpu: '500000000n', memory: '10240Ki' }, { name: 'sidecar', cpu: '10000000n', memory: '10240Ki' }] }],
    });
  });

  it('asks the runtime for at most STATS_CONCURRENCY containers’ stats at a time, and still reads them all', async () => {
    const clock = { t: 0 };
    const list = Array.from({ length: 12 }, (_, i) => container(`c${i}`, `p${i}`, 'app'));
    const cpu = new Map(list.map((c) => [c.id, 0]));
    const runtime = stubRuntime(list, cpu, clock);
    const stats = runtime.stats.bind(runtime);
    let inFlight = 0;
    let most = 0;
    const asked: string[] = [];
    runtime.stats = async (id: string) => {
      inFlight++;
      most = Math.max(most, inFlight);
      asked.push(id);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
      return stats(id);
    };
    const collector = new MetricsCollector({ runtime, nodeName: 'n1', now: () => clock.t, readHost: async () => ({ cpuNanos: clock.t * 1e6, memoryWorkingSetBytes: 0 }) });
    await collector.collect();
    clock.t += 15_000;
    for (const c of list) cpu.set(c.id, 1e9);
    const sample = await collector.collect();
    expect(most).toBe(STATS_CONCURRENCY);
    expect(asked).toHaveLength(24);
    expect(sample?.pods.map((p) => p.name).sort()).toEqual(list.map((c) => c.labels[LABELS.podName]).sort());
  });

  it('leaves out a restarted container until it has two readings', async () => {
    const clock = { t: 0 };
    const list = [container('a', 'web', 'app')];
    const cpu = new Map([['a', 5e9]]);
    const collector = new MetricsCollector({ runtime: stubRuntime(list, cpu, clock), nodeName: 'n1', now: () => clock.t, readHost: async () => ({ cpuNanos: clock.t * 1e6, memoryWorkingSetBytes: 0 }) });
    await collector.collect();
    clock.t += 10_000;
    list[0] = container('a2', 'web', 'app');
    cpu.set('a2', 1e9);
    expect((await collector.collect())?.pods).toEqual([]);
    clock.t += 10_000;
    cpu.set('a2', 2e9);
    expect((await collector.collect())?.pods[0].containers[0].cpu).toBe('100000000n');
  });
});

describe('MetricsPusher', () => {
  it('PUTs each sample to the node’s metrics path and counts failures without stopping', async () => {
    const calls: [string, string, unknown][] = [];
    let fail = false;
    const api = { request: async (method: string, path: string, body: unknown) => (fail ? Promise.reject(new Error('down')) : (calls.push([method, path, body]), new Response())) };
    let n = 0;
    const pusher = new MetricsPusher({ api: api as never, nodeName: 'n1', collect: async () => (n++ === 0 ? undefined : ({ timestamp: 't', window: '15s', node: { cpu: '1n', memory: '1Ki' }, pods: [] })) });
    await pusher.tick();
    expect(calls).toEqual([]);
    await pusher.tick();
    expect(calls).toEqual([['PUT', '/apis/kubeflare.dev/v1/nodes/n1/metrics', { timestamp: 't', window: '15s', node: { cpu: '1n', memory: '1Ki' }, pods: [] }]]);
    fail = true;
    await pusher.tick();
    expect(pusher.failed).toBe(1);
    expect(pusher.pushed).toBe(1);
  });
});
