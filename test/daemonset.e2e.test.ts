// DaemonSets end to end with the real kubectl on simulated nodes: one pod per node, placed on a node
// that joins, removed from a node that taints itself away; a rolling update, history and undo.
import { describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { eventually } from './eventually';
import { ok, useSimStack } from './support/sim-stack';

const env = useSimStack({ nodes: 3, namePrefix: 'ds' });
const k = (...args: string[]) => env.k(...args);
interface PodView {
  metadata: { name: string; deletionTimestamp?: string; labels: Record<string, string> };
  spec: { nodeName?: string; containers: { image: string }[] };
}
const pods = async () =>
  ((await env.stack.client.get('/api/v1/namespaces/default/pods?labelSelector=app%3Dagent')).json.items as PodView[]).filter((p) => !p.metadata.deletionTimestamp);
const daemonSet = (image: string) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
    template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image, resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } },
  },
});

describe('daemonsets', () => {
  it('runs one pod on every node and kubectl rollout status succeeds', async () => {
    ok(await k('apply', '-f', env.kubectl.file('ds.yaml', toYaml(daemonSet('agent:1')))));
    ok(await k('rollout', 'status', 'daemonset/agent', '--timeout=60s'));
    const placed = (await pods()).map((p) => p.spec.nodeName).sort();
    expect(placed).toEqual(env.sim.nodes.map((n) => n.spec.name).sort());
    const ds = JSON.parse(ok(await k('get', 'daemonset', 'agent', '-o', 'json')));
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, updatedNumberScheduled: 3, numberAvailable: 3, numberMisscheduled: 0 });
    expect(ok(await k('get', 'ds', 'agent'))).toMatch(/agent\s+3\s+3\s+3\s+3\s+3/);
  });

  it('places a pod on a node that joins and removes it when the node taints itself NoExecute', async () => {
    const r = await env.stack.client.post('/api/v1/nodes', {
      metadata: { name: 'late', labels: { 'kubernetes.io/hostname': 'late' } },
      status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110' }, capacity: { cpu: '2', memory: '4Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
    });
    expect(r.status).toBe(201);
    await eventually(async () => ((await pods()).some((p) => p.spec.nodeName === 'late') ? true : undefined));
    expect((await env.stack.client.patch('/api/v1/nodes/late', { spec: { taints: [{ key: 'maintenance', effect: 'NoExecute' }] } })).status).toBe(200);
    await eventually(async () => ((await pods()).every((p) => p.spec.nodeName !== 'late') ? true : undefined));
  });

  it('rolls out a new image, keeps history, and undoes it', async () => {
    ok(await k('set', 'image', 'daemonset/agent', 'agent=agent:2'));
    ok(await k('rollout', 'status', 'daemonset/agent', '--timeout=60s'));
    expect(new Set((await pods()).map((p) => p.spec.containers[0].image))).toEqual(new Set(['agent:2']));
    const history = ok(await k('rollout', 'history', 'daemonset/agent'));
    expect(history).toMatch(/^1\s/m);
    expect(history).toMatch(/^2\s/m);
    ok(await k('rollout', 'undo', 'daemonset/agent'));
    ok(await k('rollout', 'status', 'daemonset/agent', '--timeout=60s'));
    await eventually(async () => {
      const images = new Set((await pods()).map((p) => p.spec.containers[0].image));
      return images.size === 1 && images.has('agent:1') ? true : undefined;
    });
    expect(ok(await k('rollout', 'history', 'daemonset/agent'))).toMatch(/^3\s/m);
  });

  it('deletes its pods and history with it (garbage collection)', async () => {
    ok(await k('delete', 'daemonset', 'agent'));
    await eventually(async () => ((await pods()).length === 0 ? true : undefined));
    await eventually(async () => ((await env.stack.client.get('/apis/apps/v1/namespaces/default/controllerrevisions')).json.items.length === 0 ? true : undefined));
  });
});
