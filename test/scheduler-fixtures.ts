// Shared pieces of the scheduler's end-to-end tests: a stack with simulated nodes (they renew their
// Leases, so the node lifecycle controller leaves them alone, and they "run" and finish deleting their
// pods, so preemption victims really go), pod builders, and readers for what the scheduler wrote.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createNodeFetcher, type NodeFetcher } from '../agent/src/http';
import { SimCluster, type SimNodeSpec } from '../agent/src/sim';
import { ApiClient as KubeClient } from '../workers/kube/client';
import { eventually } from './eventually';
import { startTestStack, type ApiResponse, type TestStack } from './harness';

export interface SchedulerTestBed {
  stack: TestStack;
  /** Registers more simulated nodes (a node "appearing"); resolves once they are registered. */
  addNodes(nodes: SimNodeSpec[]): Promise<void>;
  close(): Promise<void>;
}

/** The local stack plus simulated nodes. */
export async function startSchedulerTestBed(nodes: SimNodeSpec[]): Promise<SchedulerTestBed> {
  const stack = await startTestStack();
  const fetcher: NodeFetcher = createNodeFetcher({ caPem: stack.caPem });
  const api = new KubeClient({ fetch: fetcher, baseUrl: stack.url, token: stack.token, userAgent: 'scheduler-e2e-sim' });
  const sims: SimCluster[] = [];
  const addNodes = async (more: SimNodeSpec[]) => {
    const sim = new SimCluster({ api, nodes: more, markRunning: true, heartbeatSeconds: 5 });
    sims.push(sim);
    await sim.start();
  };
  await addNodes(nodes);
  return {
    stack,
    addNodes,
    async close() {
      await Promise.all(sims.map((s) => s.stop()));
      fetcher.close();
      await stack.close();
    },
  };
}

/**
 * The request, retried on a network failure (a reset connection, no status at all): on this shared
 * 2-core machine an overloaded server sometimes drops a connection. A retried create that had in fact
 * been stored answers 409, which `createPod` accepts.
 */
async function send(stack: TestStack, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<ApiResponse> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await stack.client.request(method, path, body === undefined ? {} : { body });
    } catch (e) {
      if (attempt >= 3) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export const get = (stack: TestStack, path: string) => send(stack, 'GET', path);

/** A simulated node spec with test-friendly defaults (4 cpu, 8Gi, 110 pods). */
export const node = (name: string, o: Partial<SimNodeSpec> = {}): SimNodeSpec => ({ name, cpu: '4', memory: '8Gi', pods: 110, ...o });

export const GPU_TAINT = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' as const };

export interface PodOpts {
  cpu?: string;
  labels?: Record<string, string>;
  /** Merged into spec. */
  spec?: Record<string, unknown>;
}

export async function createPod(stack: TestStack, ns: string, name: string, o: PodOpts = {}): Promise<void> {
  const r = await send(stack, 'POST', `/api/v1/namespaces/${ns}/pods`, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: o.labels },
    spec: { containers: [{ name: 'c', image: 'busybox', ...(o.cpu ? { resources: { requests: { cpu: o.cpu } } } : {}) }], ...o.spec },
  });
  expect([201, 409], r.text).toContain(r.status);
  if (r.status === 409) expect((await getPod(stack, ns, name)).spec.containers).toHaveLength(1);
}

export async function createNs(stack: TestStack, name: string): Promise<void> {
  const r = await stack.client.post('/api/v1/namespaces', { metadata: { name } });
  expect(r.status, r.text).toBe(201);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const getPod = async (stack: TestStack, ns: string, name: string): Promise<any> => (await get(stack, `/api/v1/namespaces/${ns}/pods/${name}`)).json;

export const boundNode = (stack: TestStack, ns: string, name: string, ms?: number): Promise<string> =>
  eventually(async () => ((await getPod(stack, ns, name))?.spec?.nodeName as string | undefined) || undefined, ms, `${ns}/${name} to be bound`);

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export const podScheduled = (pod: { status?: { conditions?: Condition[] } }): Condition | undefined => pod.status?.conditions?.find((c) => c.type === 'PodScheduled');

/** Waits for PodScheduled=False whose message satisfies `ok` (the first attempts may see fewer nodes). */
export const unschedulable = (stack: TestStack, ns: string, name: string, ok: (msg: string) => boolean = () => true): Promise<Condition> =>
  eventually(
    async () => {
      const c = podScheduled(await getPod(stack, ns, name));
      return c?.status === 'False' && ok(c.message ?? '') ? c : undefined;
    },
    30_000,
    `${ns}/${name} to be reported unschedulable`,
  );

export interface EventItem {
  reason: string;
  message: string;
  type: string;
  involvedObject: { name: string };
}

export async function events(stack: TestStack, ns: string, reason: string, pod?: string): Promise<EventItem[]> {
  const all = (await get(stack, `/api/v1/namespaces/${ns}/events`)).json.items as EventItem[];
  return all.filter((e) => e.reason === reason && (pod === undefined || e.involvedObject.name === pod));
}

export const schedulerState = async (stack: TestStack): Promise<Record<string, unknown>> =>
  (await (await stack.componentsMf.getWorker('kubeflare-scheduler')).fetch('http://scheduler.internal/state')).json() as Promise<Record<string, unknown>>;

/** Resets the Scheduler Durable Object (memory lost, as an eviction), with the scheduler's own token. */
export async function restartScheduler(stack: TestStack): Promise<void> {
  const token = readFileSync(join(stack.stateDir, 'scheduler-token'), 'utf8').trim();
  const w = await stack.componentsMf.getWorker('kubeflare-scheduler');
  const r = await w.fetch('http://scheduler.internal/restart', { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  expect(r.status, await r.text()).toBe(200);
}

interface Change {
  type: string;
  revision: number;
  object: { metadata: { namespace?: string; name: string; uid: string }; spec: { nodeName?: string } };
}

/** Every pods change in the log, oldest first (the log is not compacted during a test). */
export async function podChanges(stack: TestStack): Promise<Change[]> {
  const out: Change[] = [];
  let after = 0;
  for (;;) {
    const r = await get(stack, `/apis/kubeflare.dev/v1/changes?resource=pods&after=${after}&limit=5000`);
    expect(r.status, r.text).toBe(200);
    out.push(...(r.json.items as Change[]));
    after = Number(r.json.metadata.resourceVersion);
    if (!r.json.metadata.more) return out;
  }
}

/** Per pod (uid) of a namespace, the nodes it was bound to, one entry per write that set spec.nodeName. */
export async function bindingWrites(stack: TestStack, ns: string): Promise<Map<string, { name: string; nodes: string[] }>> {
  const byUid = new Map<string, { name: string; nodes: string[]; current?: string }>();
  for (const c of await podChanges(stack)) {
    const m = c.object.metadata;
    if (m.namespace !== ns) continue;
    const entry = byUid.get(m.uid) ?? { name: m.name, nodes: [] };
    byUid.set(m.uid, entry);
    const next = c.type === 'DELETED' ? entry.current : c.object.spec.nodeName;
    if (next && next !== entry.current) entry.nodes.push(next);
    entry.current = next;
  }
  return new Map([...byUid].map(([uid, e]) => [uid, { name: e.name, nodes: e.nodes }]));
}
