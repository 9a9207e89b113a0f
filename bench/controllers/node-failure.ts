// Node failure recovery at scale: 50 simulated nodes stop heartbeating; measured is the time until
// every pod they held runs (Ready) on another node. The configured waits (node grace period, then the
// pods' eviction toleration) are part of that time by design; the overhead beyond them is reported too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeFetcher } from '../../agent/src/http';
import { SimCluster } from '../../agent/src/sim';
import { ApiClient } from '../../workers/kube/client';
import { startStack } from '../../local/stack';

interface PodView {
  metadata: { name: string; deletionTimestamp?: string };
  spec: { nodeName?: string };
  status?: { conditions?: { type: string; status: string }[] };
}

export interface NodeFailureResult {
  nodes: number;
  replicas: number;
  silent: number;
  podsOnSilentNodes: number;
  graceSeconds: number;
  evictionSeconds: number;
  recoverySeconds: number;
}

const ready = (p: PodView) => !p.metadata.deletionTimestamp && (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

export async function measureNodeFailure(opts: { nodes: number; replicas: number; silent: number; graceSeconds: number; evictionSeconds: number; log: (m: string) => void }): Promise<NodeFailureResult> {
  const { log } = opts;
  const dir = mkdtempSync(join(tmpdir(), 'kubeflare-bench-nodefail-'));
  const stack = await startStack({
    stateDir: dir,
    port: 0,
    persist: false,
    vars: { NODE_MONITOR_GRACE_PERIOD_SECONDS: String(opts.graceSeconds), POD_EVICTION_TIMEOUT_SECONDS: String(opts.evictionSeconds) },
  });
  const fetcher = createNodeFetcher({ caPem: stack.caPem, maxSockets: 64 });
  const api = new ApiClient({ fetch: fetcher, baseUrl: stack.url, token: stack.token, userAgent: 'bench-node-failure' });
  // Heartbeats well inside the grace period, so only the silenced nodes are ever late.
  const sim = new SimCluster({ api, nodes: { count: opts.nodes, zones: 3, namePrefix: 'fail' }, markRunning: true, heartbeatSeconds: Math.max(1, Math.floor(opts.graceSeconds / 4)), concurrency: 32 });
  try {
    await sim.start();
    const path = '/apis/apps/v1/namespaces/default/deployments';
    await api.create(path, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'survivor' },
      spec: {
        replicas: opts.replicas,
        selector: { matchLabels: { app: 'survivor' } },
        template: { metadata: { labels: { app: 'survivor' } }, spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } },
      },
    });
    const pods = async () => (await api.list<PodView>('/api/v1/namespaces/default/pods', { labelSelector: 'app=survivor' })).items;
    await waitFor(async () => (await pods()).filter(ready).length === opts.replicas, 300_000, 'all replicas ready');
    log(`node failure: ${opts.replicas} replicas ready on ${opts.nodes} nodes`);

    // The nodes holding the most pods go silent.
    const byNode = new Map<string, number>();
    for (const p of await pods()) if (p.spec.nodeName) byNode.set(p.spec.nodeName, (byNode.get(p.spec.nodeName) ?? 0) + 1);
    const victims = [...byNode.entries()].sort((a, b) => b[1] - a[1]).slice(0, opts.silent).map(([n]) => n);
    const silent = new Set(victims);
    const podsOnSilentNodes = victims.reduce((n, v) => n + (byNode.get(v) ?? 0), 0);
    const t = performance.now();
    sim.silence(victims);
    log(`node failure: ${victims.length} nodes silenced, holding ${podsOnSilentNodes} pods`);
    await waitFor(
      async () => (await pods()).filter((p) => ready(p) && !silent.has(p.spec.nodeName ?? '')).length === opts.replicas,
      600_000,
      'all pods running on the remaining nodes',
    );
    const recoverySeconds = (performance.now() - t) / 1000;
    return { nodes: opts.nodes, replicas: opts.replicas, silent: victims.length, podsOnSilentNodes, graceSeconds: opts.graceSeconds, evictionSeconds: opts.evictionSeconds, recoverySeconds };
  } finally {
    await sim.stop(10_000);
    fetcher.close();
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function waitFor(pred: () => Promise<boolean>, limitMs: number, what: string): Promise<void> {
  const end = performance.now() + limitMs;
  while (!(await pred())) {
    if (performance.now() > end) throw new Error(`${what}: not reached in ${limitMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
