// `kubectl top` on real containers: the agent reads the runtime's cumulative cpu and working-set stats,
// turns them into rates and pushes them (every second here); a busy-looping pod shows its cpu, an idle
// one next to nothing, and the node its own usage from procfs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuantity, quantityToMilli } from '../workers/kube/quantity';
import { eventually } from './eventually';
import { apply, busybox, pod, startAgentCluster, waitReady, type AgentCluster } from './support/agent-cluster';

let c: AgentCluster;

const resources = { requests: { cpu: '100m', memory: '16Mi' }, limits: { cpu: '300m', memory: '32Mi' } };
const spin = pod('spin', { containers: [busybox('main', 'while :; do :; done', { resources })] });
const idle = pod('idle', { containers: [busybox('main', 'exec sleep 3600', { resources })] });

beforeAll(async () => {
  c = await startAgentCluster({ name: 'top', config: { metricsPushSeconds: 1 } });
  await apply(c, spin, idle);
  await waitReady(c, 'spin');
  await waitReady(c, 'idle');
});
afterAll(async () => {
  await c?.close();
});

const milli = (q: string) => Number(quantityToMilli(parseQuantity(q)));

describe('kubectl top with the agent', () => {
  it('serves the pods’ usage measured from the runtime', async () => {
    // A container has a rate from its second reading on: wait for both pods to have one.
    const [busy, quiet] = await eventually(async () => {
      const [a, b] = await Promise.all(['spin', 'idle'].map((n) => c.stack.client.get(`/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/${n}`)));
      const cpu = a.json?.containers?.[0]?.usage?.cpu;
      return cpu && milli(cpu) >= 100 && b.status === 200 ? [a.json, b.json] : undefined;
    }, 60_000, 'cpu usage of both pods');
    expect(busy.containers.map((x: { name: string }) => x.name)).toEqual(['main']);
    // Held under its 300m limit by the cgroup.
    expect(milli(busy.containers[0].usage.cpu)).toBeLessThanOrEqual(400);
    expect(Number(busy.containers[0].usage.memory.replace(/Ki$/, ''))).toBeGreaterThan(0);
    expect(milli(quiet.containers[0].usage.cpu)).toBeLessThan(50);
  });

  it('prints them with kubectl top pods and nodes', async () => {
    const pods = await c.kubectl.run(['top', 'pods']);
    expect(pods.code, pods.stderr).toBe(0);
    const rows = Object.fromEntries(pods.stdout.trim().split('\n').slice(1).map((l) => l.split(/\s+/)).map(([name, cpu, mem]) => [name, { cpu, mem }]));
    expect(milli(rows.spin.cpu)).toBeGreaterThanOrEqual(100);
    expect(milli(rows.idle.cpu)).toBeLessThan(50);
    expect(rows.spin.mem).toMatch(/^\d+Mi$/);
    const nodes = await c.kubectl.run(['top', 'nodes']);
    expect(nodes.code, nodes.stderr).toBe(0);
    const row = nodes.stdout.split('\n').find((l) => l.startsWith(c.nodeName))?.trim().split(/\s+/);
    expect(row?.[1]).toMatch(/^\d+m$/);
    // The host is at least as busy as the spinning pod on it.
    expect(milli(row![1])).toBeGreaterThanOrEqual(100);
    expect(row?.[3]).toMatch(/^\d+Mi$/);
  });
});
