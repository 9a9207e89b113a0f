// `kill -9` of the agent while ten pods run: the pods stay Running throughout (watched), and the restarted
// agent adopts the same containers (same ids, zero restarts) and removes the containers of a pod deleted
// while it was down. (`kubectl top` on real containers: agent-top.e2e.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABELS } from '../agent/src/runtime/types';
import { eventually } from './eventually';
import type { WatchStream } from './harness';
import { apply, busybox, getPod, pod, startAgentCluster, waitReady, type AgentCluster } from './support/agent-cluster';

let c: AgentCluster;
const NAMES = Array.from({ length: 10 }, (_, i) => `steady-${i}`);
const ids = new Map<string, string>();

beforeAll(async () => {
  c = await startAgentCluster({ name: 'restart' });
  await apply(c, ...NAMES.map((n) => pod(n, { containers: [busybox('main', 'echo up; exec sleep 3600')] }, { labels: { app: 'steady' } })));
  for (const n of NAMES) {
    const p = await waitReady(c, n, 90_000);
    ids.set(n, p.status.containerStatuses[0].containerID);
  }
});

afterAll(async () => {
  await c?.close();
});

/** The node's pod containers in the runtime (not sandboxes), by pod name. */
async function runtimeContainers() {
  const list = await c.runtime.listContainers({ [LABELS.nodeName]: c.nodeName });
  return list.filter((x) => x.labels[LABELS.containerKind] !== 'sandbox');
}

const agentRunningLines = () => c.agentLog().split('\n').filter((l) => l.includes('"msg":"agent running"')).length;

describe('kill -9 of the agent', () => {
  it('keeps the pods Running, and the restarted agent adopts the same containers without restarts', async () => {
    const list = await c.stack.client.get('/api/v1/namespaces/default/pods?labelSelector=app%3Dsteady');
    const watch: WatchStream = c.stack.client.watch(`/api/v1/namespaces/default/pods?watch=1&labelSelector=app%3Dsteady&resourceVersion=${list.json.metadata.resourceVersion}`);
    await watch.opened;
    try {
      const firstAgent = c.agent.pid;
      const before = agentRunningLines();
      await c.stopAgent('SIGKILL');
      expect(c.agent.child.signalCode).toBe('SIGKILL');
      // Without the agent the containers go on running.
      const orphaned = await runtimeContainers();
      expect(orphaned.filter((x) => x.state === 'running').length).toBe(10);

      c.startAgent();
      expect(c.agent.pid).not.toBe(firstAgent);
      // "agent running" is logged after the kubelet's first full sync of every pod.
      await eventually(async () => (agentRunningLines() > before ? true : undefined), 60_000, 'the restarted agent running');

      for (const n of NAMES) {
        const s = (await getPod(c, n)).status.containerStatuses[0];
        expect(s.containerID, n).toBe(ids.get(n));
        expect(s.restartCount, n).toBe(0);
        expect(s.state.running, n).toBeDefined();
      }
      const after = await runtimeContainers();
      expect(after.map((x) => x.id).sort()).toEqual([...ids.values()].map((id) => id.split('://')[1]).sort());
      expect(after.every((x) => x.state === 'running')).toBe(true);
      // Whatever the agent wrote to the pods meanwhile, none of it said anything but Running and Ready.
      for (const e of watch.events.filter((x) => x.type !== 'BOOKMARK')) {
        expect(e.type, JSON.stringify(e.object?.status)).toBe('MODIFIED');
        expect(e.object.status.phase).toBe('Running');
        expect(e.object.status.conditions.find((x: { type: string }) => x.type === 'Ready').status).toBe('True');
        expect(e.object.status.containerStatuses[0].restartCount).toBe(0);
      }
    } finally {
      watch.stop();
    }
  });

  it('removes the containers of a pod deleted while the agent was down', async () => {
    const gone = NAMES[9];
    const uid = (await getPod(c, gone)).metadata.uid;
    const before = agentRunningLines();
    await c.stopAgent('SIGKILL');
    const r = await c.kubectl.run(['delete', 'pod', gone, '--grace-period=0', '--force']);
    expect(r.code, r.stderr).toBe(0);
    expect(await getPod(c, gone)).toBeUndefined();
    expect((await c.runtime.docker.listContainers({ filters: { label: [`${LABELS.podUid}=${uid}`] } })).length).toBe(2);

    c.startAgent();
    await eventually(async () => (agentRunningLines() > before ? true : undefined), 60_000, 'the restarted agent running');
    await eventually(
      async () => ((await c.runtime.docker.listContainers({ all: true, filters: { label: [`${LABELS.podUid}=${uid}`] } })).length === 0 ? true : undefined),
      30_000,
      'the deleted pod’s container and sandbox removed',
    );
    // The other nine are untouched.
    const rest = await runtimeContainers();
    expect(rest.map((x) => x.id).sort()).toEqual(NAMES.slice(0, 9).map((n) => ids.get(n)!.split('://')[1]).sort());
  });
});
