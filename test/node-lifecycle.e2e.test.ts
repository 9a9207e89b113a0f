// Node lifecycle end to end: a simulated node stops heartbeating, turns Unknown with the unreachable
// taints, its pods are marked not Ready and evicted after the (shortened) eviction timeout, the
// Deployment's replacements run on the other nodes; when the node comes back it is Ready and untainted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeFetcher, type NodeFetcher } from '../agent/src/http';
import { SimCluster } from '../agent/src/sim';
import { ApiClient } from '../workers/kube/client';
import { startTestStack, type TestStack } from './harness';

const GRACE_SECONDS = 3;
const EVICTION_SECONDS = 2;
const UNREACHABLE = 'node.kubernetes.io/unreachable';

let stack: TestStack;
let fetcher: NodeFetcher;
let api: ApiClient;
let sim: SimCluster;
let startedAt = 0;

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}
interface Taint {
  key: string;
  effect: string;
  timeAdded?: string;
}
interface NodeView {
  metadata: { name: string };
  spec?: { taints?: Taint[] };
  status?: { conditions?: Condition[] };
}
interface PodView {
  metadata: { name: string; deletionTimestamp?: string };
  spec: { nodeName?: string };
  status?: { conditions?: Condition[] };
}

async function eventually<T>(what: string, fn: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const condition = (o: { status?: { conditions?: Condition[] } }, type: string) => o.status?.conditions?.find((c) => c.type === type);
const ready = (p: PodView) => !p.metadata.deletionTimestamp && condition(p, 'Ready')?.status === 'True';
const pods = async () => (await api.list<PodView>('/api/v1/namespaces/default/pods', { labelSelector: 'app=survivor' })).items;
const getNode = (name: string) => api.get<NodeView>(`/api/v1/nodes/${name}`);

beforeAll(async () => {
  stack = await startTestStack({ NODE_MONITOR_GRACE_PERIOD_SECONDS: String(GRACE_SECONDS), POD_EVICTION_TIMEOUT_SECONDS: String(EVICTION_SECONDS) });
  fetcher = createNodeFetcher({ caPem: stack.caPem });
  api = new ApiClient({ fetch: fetcher, baseUrl: stack.url, token: stack.token, userAgent: 'node-lifecycle-test' });
  sim = new SimCluster({ api, nodes: { count: 4, zones: 2, namePrefix: 'life' }, markRunning: true, heartbeatSeconds: 1 });
  await sim.start();
  startedAt = Date.now();
});

afterAll(async () => {
  await sim?.stop(5_000);
  fetcher?.close();
  await stack?.close();
});

describe('node lifecycle', () => {
  it('evicts the pods of a silent node, replaces them elsewhere, and takes the node back', async () => {
    await api.create('/apis/apps/v1/namespaces/default/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'survivor' },
      spec: {
        replicas: 4,
        selector: { matchLabels: { app: 'survivor' } },
        template: { metadata: { labels: { app: 'survivor' } }, spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '100m' } } }] } },
      },
    });
    const running = await eventually('4 ready pods', async () => {
      const ps = (await pods()).filter(ready);
      return ps.length === 4 ? ps : undefined;
    });
    // Heartbeating nodes are left alone, however long they live.
    await new Promise((r) => setTimeout(r, Math.max(0, startedAt + (GRACE_SECONDS + 1) * 1000 - Date.now())));
    for (const n of sim.nodes) expect((await getNode(n.spec.name)).spec?.taints ?? []).toEqual([]);

    const victim = running[0].spec.nodeName!;
    const victimPods = running.filter((p) => p.spec.nodeName === victim).map((p) => p.metadata.name);
    expect(victimPods.length).toBeGreaterThan(0);
    sim.silence([victim]);
    const silencedAt = Date.now();

    const unknown = await eventually('the node to turn Unknown and tainted', async () => {
      const n = await getNode(victim);
      const keys = (n.spec?.taints ?? []).filter((t) => t.key === UNREACHABLE).map((t) => t.effect);
      return condition(n, 'Ready')?.status === 'Unknown' && keys.includes('NoExecute') && keys.includes('NoSchedule') ? n : undefined;
    });
    expect(Date.now() - silencedAt).toBeGreaterThanOrEqual(GRACE_SECONDS * 1000 - 1000);
    expect(condition(unknown, 'Ready')).toMatchObject({ reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(condition(unknown, 'MemoryPressure')?.status).toBe('Unknown');
    const noExecute = unknown.spec!.taints!.find((t) => t.key === UNREACHABLE && t.effect === 'NoExecute')!;
    expect(noExecute.timeAdded).toMatch(/^\d{4}-\d\d-\d\dT/);

    // Evicted (deleted: they stay Terminating while their node cannot confirm) after the timeout.
    const evicted = await eventually('the pods of the node to be evicted', async () => {
      const ps = (await pods()).filter((p) => victimPods.includes(p.metadata.name));
      return ps.every((p) => p.metadata.deletionTimestamp) ? ps : undefined;
    });
    for (const p of evicted) {
      expect(condition(p, 'Ready')?.status).toBe('False');
      const target = condition(p, 'DisruptionTarget');
      expect(target).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager' });
      expect(Date.parse(target!.lastTransitionTime!) - Date.parse(noExecute.timeAdded!)).toBeGreaterThanOrEqual(EVICTION_SECONDS * 1000);
    }

    const replaced = await eventually('4 ready pods on the other nodes', async () => {
      const ps = (await pods()).filter(ready);
      return ps.length === 4 ? ps : undefined;
    });
    for (const p of replaced) expect(p.spec.nodeName).not.toBe(victim);

    sim.unsilence([victim]);
    const back = await eventually('the node to be Ready and untainted again', async () => {
      const n = await getNode(victim);
      return condition(n, 'Ready')?.status === 'True' && !(n.spec?.taints ?? []).some((t) => t.key === UNREACHABLE) ? n : undefined;
    });
    expect(condition(back, 'MemoryPressure')?.status).toBe('False');
    // Back in touch, the node confirms the deletions it missed.
    await eventually('the evicted pods to be gone', async () => ((await pods()).some((p) => victimPods.includes(p.metadata.name)) ? undefined : true));
  });
});
