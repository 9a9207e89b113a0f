// The agent's node identity on the real stack: registration with capacity, nodeInfo and conditions,
// Lease renewals, and the status left alone while nothing changes (the Lease is the heartbeat).
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type AgentConfig } from '../agent/src/config';
import { createNodeFetcher, type NodeFetcher } from '../agent/src/http';
import { runAgent, startAgent, type RunningAgent } from '../agent/src/main';
import type { ContainerRuntime, ImageInfo } from '../agent/src/runtime/types';
import { ApiClient as KubeClient } from '../workers/kube/client';
import { eventually } from './eventually';
import { type TestStack, startTestStack } from './harness';

let stack: TestStack;
let fetcher: NodeFetcher;
let admin: KubeClient;
let dir: string;
let agent: RunningAgent;
const images: ImageInfo[] = [];
/** Only what the node part asks of a runtime. */
const runtime = {
  version: async () => ({ name: 'stub', version: '1.0.0', apiVersion: '1.41', runtimeVersion: 'stub://1.0.0' }),
  listImages: async () => images,
} as unknown as ContainerRuntime;

const NODE = '/api/v1/nodes/agent-node-1';
const LEASE = '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/agent-node-1';

function metricsText(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/metrics' }, (res) => {
      let t = '';
      res.on('data', (c) => (t += c));
      res.on('end', () => resolve(t));
    })
      .on('error', reject)
      .end();
  });
}

beforeAll(async () => {
  stack = await startTestStack();
  fetcher = createNodeFetcher({ caPem: stack.caPem });
  admin = new KubeClient({ fetch: fetcher, baseUrl: stack.url, token: stack.token, userAgent: 'test' });
  dir = mkdtempSync(join(tmpdir(), 'agent-node-'));
  // The admin may mint node credentials too (system:masters); joining is covered by agent-join.test.ts.
  const cred = await admin.create<{ token: string }>('/apis/kubeflare.dev/v1/nodecredentials', { nodeName: 'agent-node-1' });
  const config: AgentConfig = parseConfig({
    server: stack.url,
    caPem: stack.caPem,
    token: cred.token,
    nodeName: 'agent-node-1',
    stateDir: join(dir, 'state'),
    labels: { 'example.com/pool': 'blue' },
    taints: [{ key: 'example.com/dedicated', value: 'ci', effect: 'NoSchedule' }],
    heartbeatSeconds: 1,
    metricsAddress: '127.0.0.1:0',
  });
  agent = await startAgent(config, { runtime, kubelet: false, log: () => undefined });
});
afterAll(async () => {
  await agent?.stop();
  fetcher?.close();
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the agent node', () => {
  it('registers a Node with capacity, allocatable, nodeInfo, labels, taints and conditions', async () => {
    const node = await admin.get<any>(NODE);
    expect(Number(node.status.capacity.cpu)).toBeGreaterThan(0);
    expect(node.status.capacity.pods).toBe('110');
    expect(node.status.capacity.memory).toMatch(/^\d+Ki$/);
    expect(node.status.capacity['ephemeral-storage']).toMatch(/^\d+Ki$/);
    expect(node.status.allocatable.memory).toMatch(/^\d+Ki$/);
    expect(node.status.nodeInfo).toMatchObject({ containerRuntimeVersion: 'stub://1.0.0', kubeletVersion: 'v1.32.4-kubeflare', operatingSystem: 'linux' });
    expect(node.status.nodeInfo.kernelVersion).not.toBe('');
    expect(node.metadata.labels).toMatchObject({ 'example.com/pool': 'blue', 'kubernetes.io/hostname': 'agent-node-1', 'kubernetes.io/os': 'linux' });
    expect(node.spec.taints).toContainEqual({ key: 'example.com/dedicated', value: 'ci', effect: 'NoSchedule' });
    const ready = node.status.conditions.find((c: any) => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' });
    expect(node.status.conditions.map((c: any) => c.type)).toEqual(['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready']);
  });

  it('renews its Lease, owned by the Node', async () => {
    const first = await admin.get<any>(LEASE);
    const node = await admin.get<any>(NODE);
    expect(first.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'agent-node-1', uid: node.metadata.uid }]);
    const renewed = await eventually(async () => {
      const l = await admin.get<any>(LEASE);
      return l.spec.renewTime !== first.spec.renewTime ? l : undefined;
    }, 20_000, 'a lease renewal');
    expect(Number(renewed.metadata.resourceVersion)).toBeGreaterThan(Number(first.metadata.resourceVersion));
  });

  it('does not rewrite an unchanged status, and posts a change at the next heartbeat', async () => {
    const before = await admin.get<any>(NODE);
    const writes = agent.node.counters.statusWrites;
    const renewals = agent.node.counters.leaseRenewals;
    await eventually(async () => (agent.node.counters.leaseRenewals >= renewals + 3 ? true : undefined), 20_000, 'three more heartbeats');
    expect(agent.node.counters.statusWrites).toBe(writes);
    expect((await admin.get<any>(NODE)).metadata.resourceVersion).toBe(before.metadata.resourceVersion);

    images.push({ id: 'sha256:abc', repoTags: ['example.com/web:1.0'], repoDigests: [], sizeBytes: 12345 });
    const after = await eventually(async () => {
      const n = await admin.get<any>(NODE);
      return n.status.images?.length ? n : undefined;
    }, 20_000, 'the new image in the status');
    expect(after.status.images).toEqual([{ names: ['example.com/web:1.0'], sizeBytes: 12345 }]);
    expect(agent.node.counters.statusWrites).toBe(writes + 1);
  });

  it('runAgent runs until its signal aborts, then stops cleanly', async () => {
    const cred = await admin.create<{ token: string }>('/apis/kubeflare.dev/v1/nodecredentials', { nodeName: 'agent-node-2' });
    const config = parseConfig({ server: stack.url, caPem: stack.caPem, token: cred.token, nodeName: 'agent-node-2', stateDir: join(dir, 'state2'), metricsAddress: '' });
    const ctl = new AbortController();
    const logs: string[] = [];
    const running = runAgent(config, { runtime, kubelet: false, signal: ctl.signal, log: (m) => logs.push(m) });
    await eventually(async () => (logs.includes('agent running') ? true : undefined), 20_000, 'the agent to start');
    expect((await admin.getOrNull<any>('/api/v1/nodes/agent-node-2'))?.metadata.name).toBe('agent-node-2');
    ctl.abort();
    await running;
    expect(logs.at(-1)).toBe('agent stopped');
  });

  it('serves its metrics', async () => {
    const text = await metricsText(agent.metricsPort!);
    expect(text).toMatch(/^kubeflare_agent_heartbeats_total [1-9]\d*$/m);
    expect(text).toMatch(/^kubeflare_agent_api_requests_total\{code="200"\} [1-9]\d*$/m);
  });
});
