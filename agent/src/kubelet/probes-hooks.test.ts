import { describe, expect, it } from 'vitest';
import { ctr, harnessPerTest, podOf, type Harness } from './testing/harness';

const newHarness = harnessPerTest();
let h: Harness | undefined;

const ready = (h: Harness, name = 'web') => h.status(name)?.conditions?.find((c) => c.type === 'Ready');
const execProbe = (cmd: string, extra: Record<string, number> = {}) => ({ exec: { command: [cmd] }, periodSeconds: 1, failureThreshold: 1, ...extra });

describe('Kubelet probes and hooks', () => {
  it('restarts a container whose liveness probe fails, with upstream events', async () => {
    let healthy = true;
    h = newHarness({ runtime: { exec: (_id, cmd) => ({ exitCode: cmd[0] === 'alive' && !healthy ? 1 : 0, stdout: healthy ? '' : 'dead' }) } });
    h.api.createPod(podOf('web', { containers: [ctr('app', { livenessProbe: execProbe('alive', { failureThreshold: 2 }) })] }));
    await h.start();
    await h.tick(3000);
    expect(h.created('app')).toHaveLength(1);
    healthy = false;
    await h.tick(3000);
    expect(h.created('app')).toHaveLength(2);
    const events = h.api.eventsFor('web');
    expect(events).toContain('Unhealthy: Liveness probe failed: dead');
    expect(events).toContain('Killing: Container app failed liveness probe, will be restarted');
    const c = h.container('web')!;
    expect(c.restartCount).toBe(1);
    expect(c.lastState.terminated).toMatchObject({ exitCode: 143, reason: 'Error' });
    // The kill used the pod's grace period.
    expect(h.runtime.callsTo('stopContainer')[0].args[1]).toBe(30);
  });

  it('flips Ready with the readiness probe', async () => {
    let ok = false;
    h = newHarness({ runtime: { exec: () => ({ exitCode: ok ? 0 : 1 }) } });
    h.api.createPod(podOf('web', { containers: [ctr('app', { readinessProbe: execProbe('ready') })] }));
    await h.start();
    await h.tick(2000);
    expect(h.status('web')!.phase).toBe('Running');
    expect(ready(h)).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [app]' });
    expect(h.container('web')).toMatchObject({ ready: false, started: true });
    ok = true;
    await h.tick(2000);
    expect(ready(h)).toMatchObject({ status: 'True' });
    expect(h.container('web')!.ready).toBe(true);
    ok = false;
    await h.tick(2000);
    expect(ready(h)?.status).toBe('False');
    expect(h.created('app')).toHaveLength(1);
  });

  it('holds liveness and readiness back until the startup probe passed', async () => {
    let startedUp = false;
    const cmds: string[] = [];
    h = newHarness({
      runtime: {
        exec: (_id, cmd) => {
          cmds.push(cmd[0]);
          return { exitCode: cmd[0] === 'startup' && !startedUp ? 1 : 0 };
        },
      },
    });
    h.api.createPod(podOf('web', { containers: [ctr('app', { startupProbe: execProbe('startup', { failureThreshold: 30 }), livenessProbe: execProbe('alive'), readinessProbe: execProbe('ready') })] }));
    await h.start();
    await h.tick(3000);
    expect(h.container('web')).toMatchObject({ started: false, ready: false });
    expect(new Set(cmds)).toEqual(new Set(['startup']));
    startedUp = true;
    await h.tick(3000);
    expect(h.container('web')).toMatchObject({ started: true, ready: true });
    expect(cmds).toContain('alive');
    expect(cmds).toContain('ready');
  });

  it('kills the container when its postStart hook fails', async () => {
    h = newHarness({ runtime: { exec: (_id, cmd) => ({ exitCode: cmd[0] === 'hook' ? 7 : 0, stderr: 'nope' }) } });
    h.api.createPod(podOf('web', { restartPolicy: 'Never', containers: [ctr('app', { lifecycle: { postStart: { exec: { command: ['hook'] } } } })] }));
    await h.start();
    await h.tick(1000);
    const events = h.api.eventsFor('web');
    expect(events.some((e) => e.startsWith('FailedPostStartHook: '))).toBe(true);
    expect(events).toContain('Killing: FailedPostStartHook');
    expect(h.container('web')!.state.terminated?.exitCode).toBe(143);
  });
});
