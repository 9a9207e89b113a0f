// Health and restarts of real containers: a failing liveness probe restarts the container, a crashing
// container goes into CrashLoopBackOff with a doubling back-off (read from the status messages in the
// order they appear), and a container over its memory limit is reported OOMKilled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './eventually';
import { apply, busybox, getPod, pod, podEvents, startAgentCluster, type AgentCluster } from './support/agent-cluster';

let c: AgentCluster;

// Healthy for a moment after each start, then its liveness file disappears.
const unhealthy = pod('unhealthy', {
  containers: [
    busybox('main', 'touch /tmp/healthy; sleep 2; rm /tmp/healthy; exec sleep 3600', {
      livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 1, failureThreshold: 2 },
    }),
  ],
});

const crasher = pod('crasher', { containers: [busybox('main', 'echo crashing; exit 2')] });

// Grows a shell variable far past a 16 MiB limit; Never restart, so the terminated state stays.
const hog = pod('hog', {
  restartPolicy: 'Never',
  containers: [busybox('main', 'x=$(head -c 200000000 /dev/zero | tr "\\0" a); echo survived ${#x}', { resources: { limits: { memory: '16Mi' }, requests: { memory: '16Mi' } } })],
});

beforeAll(async () => {
  c = await startAgentCluster({ name: 'health' });
  await apply(c, unhealthy, crasher, hog);
});

afterAll(async () => {
  await c?.close();
});

const status = async (name: string) => (await getPod(c, name))?.status?.containerStatuses?.[0];

describe('container health', () => {
  it('restarts a container whose liveness probe fails', async () => {
    const restarted = await eventually(async () => {
      const s = await status('unhealthy');
      return s?.restartCount >= 1 && s.lastState?.terminated ? s : undefined;
    }, 60_000, 'a liveness restart');
    const previous = restarted.lastState.terminated.containerID;
    expect(previous).toMatch(/^(podman|docker):\/\//);
    expect(restarted.containerID).not.toBe(previous);
    // Killed by the agent (SIGTERM to `sleep` under the init: 143, or 137), not exited by itself.
    expect(restarted.lastState.terminated.exitCode).toBeGreaterThan(128);
    const events = await eventually(async () => {
      const e = await podEvents(c, 'unhealthy');
      return e.some((x) => x.reason === 'Killing') && e.some((x) => x.reason === 'Unhealthy') ? e : undefined;
    }, 20_000, 'Unhealthy and Killing events');
    expect(events.find((e) => e.reason === 'Unhealthy')).toMatchObject({ type: 'Warning', message: expect.stringMatching(/^Liveness probe failed: /) });
    expect(events.find((e) => e.reason === 'Killing')?.message).toBe('Container main failed liveness probe, will be restarted');
    // The old container is gone from the runtime or exited; the new one runs.
    const newId = restarted.containerID.split('://')[1];
    expect((await c.runtime.containerStatus(newId))?.state).toMatch(/running|exited/);
    const oldState = (await c.runtime.containerStatus(previous.split('://')[1]))?.state;
    expect(oldState === undefined || oldState === 'exited').toBe(true);
  });

  it('shows CrashLoopBackOff with a back-off that doubles', async () => {
    const messages: string[] = [];
    await eventually(
      async () => {
        const s = await status('crasher');
        const m = s?.state?.waiting?.reason === 'CrashLoopBackOff' ? s.state.waiting.message : undefined;
        if (m && messages[messages.length - 1] !== m) messages.push(m);
        await new Promise((r) => setTimeout(r, 200));
        return messages.some((x) => x.startsWith('back-off 20s')) ? true : undefined;
      },
      90_000,
      'back-off 10s, then back-off 20s',
    ).catch((e: Error) => {
      throw new Error(`${e.message}; messages seen: ${JSON.stringify(messages)}`);
    });
    const uid = (await getPod(c, 'crasher')).metadata.uid;
    expect(messages[0]).toBe(`back-off 10s restarting failed container=main pod=crasher_default(${uid})`);
    expect(messages.findIndex((m) => m.startsWith('back-off 10s'))).toBeLessThan(messages.findIndex((m) => m.startsWith('back-off 20s')));
    const s = await status('crasher');
    expect(s.restartCount).toBeGreaterThanOrEqual(1);
    expect(s.lastState.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
    const p = await getPod(c, 'crasher');
    expect(p.status.phase).toBe('Running');
    expect(p.status.conditions.find((x: { type: string }) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
    const backOff = (await podEvents(c, 'crasher')).find((e) => e.reason === 'BackOff');
    expect(backOff).toMatchObject({ type: 'Warning', message: `Back-off restarting failed container main in pod crasher_default(${uid})` });
    // `kubectl get` shows the reason in its STATUS column.
    const get = await c.kubectl.run(['get', 'pod', 'crasher', '--no-headers']);
    expect(get.stdout).toMatch(/crasher\s+0\/1\s+CrashLoopBackOff/);
  });

  it('reports a container that exceeds its memory limit as OOMKilled', async () => {
    const p = await eventually(async () => {
      const x = await getPod(c, 'hog');
      return x?.status?.phase === 'Failed' ? x : undefined;
    }, 60_000, 'hog Failed');
    const s = p.status.containerStatuses[0];
    expect(s.state.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
    expect(s.restartCount).toBe(0);
    const logs = await c.kubectl.run(['logs', 'hog']);
    expect(logs.stdout).not.toContain('survived');
  });
});
