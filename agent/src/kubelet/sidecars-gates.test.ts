import { describe, expect, it } from 'vitest';
import { exit, scripted } from '../runtime/fake';
import { ctr, harnessPerTest, podOf, type Harness } from './testing/harness';

const newHarness = harnessPerTest();
let h: Harness | undefined;

const names = (h: Harness) => h.created().map((c) => (c.args[0] as { name: string }).name);
const statusWrites = (h: Harness) => h.api.requests.filter((r) => r.startsWith('PATCH') && r.endsWith('/status')).length;

describe('Kubelet sidecars, readiness gates and status writes', () => {
  it('starts a sidecar before the next init container, keeps it running, and stops it when the job is done', async () => {
    h = newHarness({ runtime: { behaviour: scripted({ setup: [exit(0, 1000)], app: [exit(0, 2000)] }) } });
    h.api.createPod(podOf('job', { restartPolicy: 'Never', initContainers: [ctr('proxy', { restartPolicy: 'Always' }), ctr('setup')] }));
    await h.start();
    await h.tick(500);
    expect(names(h)).toEqual(['proxy', 'setup']);
    await h.tick(1000);
    expect(names(h)).toEqual(['proxy', 'setup', 'app']);
    expect(h.status('job')!.phase).toBe('Running');
    const proxy = h.status('job')!.initContainerStatuses!.find((c) => c.name === 'proxy')!;
    expect(proxy).toMatchObject({ ready: true, started: true, state: { running: {} } });
    await h.tick(2500);
    // The app finished: the sidecar is stopped and the pod succeeded.
    expect(h.status('job')!.phase).toBe('Succeeded');
    const stopped = h.status('job')!.initContainerStatuses!.find((c) => c.name === 'proxy')!;
    expect(stopped.state.terminated?.exitCode).toBe(143);
    expect(names(h)).toEqual(['proxy', 'setup', 'app']);
  });

  it('restarts a sidecar that died while the app keeps running', async () => {
    h = newHarness({ runtime: { behaviour: scripted({ proxy: [exit(1, 3000), { kind: 'run' }] }) } });
    h.api.createPod(podOf('web', { initContainers: [ctr('proxy', { restartPolicy: 'Always' })] }));
    await h.start();
    await h.tick(3500);
    expect(names(h)).toEqual(['proxy', 'app', 'proxy']);
    expect(h.status('web')!.initContainerStatuses![0]).toMatchObject({ restartCount: 1, state: { running: {} } });
    expect(h.container('web')!.restartCount).toBe(0);
  });

  it('is Ready only once every readiness gate condition is True', async () => {
    h = newHarness();
    h.api.createPod(podOf('web', { readinessGates: [{ conditionType: 'example.com/lb' }] }));
    await h.start();
    const ready = () => h!.status('web')!.conditions!.find((c) => c.type === 'Ready');
    expect(ready()).toMatchObject({ status: 'False', reason: 'ReadinessGatesNotReady', message: 'corresponding condition of pod readiness gate "example.com/lb" does not exist.' });
    expect(h.status('web')!.conditions!.find((c) => c.type === 'ContainersReady')?.status).toBe('True');
    // Another controller sets the gate's condition.
    const pod = h.api.pod('web')!;
    pod.status!.conditions!.push({ type: 'example.com/lb', status: 'True', lastTransitionTime: '2026-01-01T00:00:05Z' });
    h.api.updatePod(pod);
    await h.settle();
    expect(ready()).toMatchObject({ status: 'True' });
    expect(h.status('web')!.conditions!.find((c) => c.type === 'example.com/lb')?.status).toBe('True');
  });

  it('writes the status only when it changed', async () => {
    h = newHarness();
    h.api.createPod(podOf('web'));
    await h.start();
    const writes = statusWrites(h);
    expect(writes).toBeGreaterThan(0);
    await h.tick(120_000, 5000);
    expect(statusWrites(h)).toBe(writes);
  });
});

describe('Kubelet activeDeadlineSeconds', () => {
  it('stops and fails a pod that ran longer than its deadline', async () => {
    h = newHarness();
    h.api.createPod(podOf('web', { activeDeadlineSeconds: 30 }));
    await h.start();
    await h.tick(29_000, 1000);
    expect(h.status('web')!.phase).toBe('Running');
    await h.tick(2000, 1000);
    const s = h.status('web')!;
    expect(s).toMatchObject({ phase: 'Failed', reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' });
    expect(h.container('web')!.state.terminated?.exitCode).toBe(143);
    await h.tick(60_000, 5000);
    expect(h.created('app')).toHaveLength(1);
  });
});
