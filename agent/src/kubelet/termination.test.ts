import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exit, scripted } from '../runtime/fake';
import { LABELS } from '../runtime/types';
import { harness, podOf, ctr, T0, type Harness } from './testing/harness';

const started: Harness[] = [];
beforeEach(() => vi.useFakeTimers({ now: T0 }));
afterEach(async () => {
  for (const h of started.splice(0)) await h.kubelet.stop();
  vi.useRealTimers();
});

function make(opts: Parameters<typeof harness>[0] = {}) {
  const h = harness(opts);
  started.push(h);
  return h;
}

describe('Kubelet termination and restart safety', () => {
  it('deletes gracefully: preStop, stop with the grace period, final status, then a zero-grace delete with the uid', async () => {
    const h = make();
    const p = h.api.createPod(podOf('web', { containers: [ctr('app', { lifecycle: { preStop: { exec: { command: ['drain'] } } } })] }));
    await h.start();
    const id = h.container('web')!.containerID!.slice('fake://'.length);
    h.api.deleteGracefully('web', 20);
    await h.settle();
    expect(h.runtime.callsTo('exec').map((c) => c.args[1])).toEqual([['drain']]);
    expect(h.runtime.callsTo('stopContainer')[0].args).toEqual([id, 20]);
    expect(h.api.eventsFor('web')).toContain('Killing: Stopping container app');
    expect(h.api.deletes).toHaveLength(1);
    expect(h.api.deletes[0].body).toMatchObject({ kind: 'DeleteOptions', gracePeriodSeconds: 0, preconditions: { uid: p.metadata.uid } });
    expect(h.api.pod('web')).toBeUndefined();
    expect(await h.runtime.listContainers()).toEqual([]);
    expect(await h.runtime.listSandboxes()).toEqual([]);
    expect(h.volumes.tearDowns).toEqual([p.metadata.uid]);
    // The last status written before the delete: the container terminated, the pod finished.
    const last = h.api.gone[0].status!;
    expect(last.phase).toBe('Failed');
    expect(last.containerStatuses![0]).toMatchObject({ ready: false, state: { terminated: { exitCode: 143, reason: 'Error' } } });
    expect(last.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodFailed' });
  });

  it('removes everything of a pod that vanished from the API', async () => {
    const h = make();
    const p = h.api.createPod(podOf('web'));
    h.api.createPod(podOf('other'));
    await h.start();
    expect(await h.runtime.listContainers()).toHaveLength(2);
    h.api.removePod('web');
    await h.settle();
    const left = await h.runtime.listContainers();
    expect(left.map((c) => c.labels[LABELS.podName])).toEqual(['other']);
    expect((await h.runtime.listSandboxes()).map((s) => s.labels[LABELS.podName])).toEqual(['other']);
    expect(h.volumes.tearDowns).toEqual([p.metadata.uid]);
    expect(h.locatorOf('web')).toMatchObject({ ok: false, code: 404 });
  });

  it('adopts running containers after a restart: same ids, restartCount kept, nothing restarted', async () => {
    const first = make({ runtime: { images: ['busybox:1.36'], behaviour: scripted({ app: [exit(1, 0), { kind: 'run' }] }) } });
    first.api.createPod(podOf('web'));
    first.api.createPod(podOf('gone'));
    await first.start();
    expect(first.container('web')).toMatchObject({ restartCount: 1, ready: true });
    const id = first.container('web')!.containerID;
    // kill -9: nothing is stopped, the agent simply disappears; meanwhile a pod is force-deleted.
    await first.kubelet.stop();
    first.api.removePod('gone');
    const calls = first.runtime.calls.length;
    const second = make({ reuse: { runtime: first.runtime, api: first.api } });
    await second.start();
    await second.tick(10_000);
    const after = first.runtime.calls.slice(calls).map((c) => c.method);
    expect(after.filter((m) => m === 'createContainer' || m === 'startContainer' || m === 'runSandbox')).toEqual([]);
    expect(second.container('web')).toMatchObject({ containerID: id, restartCount: 1, ready: true });
    expect(second.status('web')!.phase).toBe('Running');
    // The force-deleted pod's containers and sandbox were removed at start-up.
    const names = (await first.runtime.listContainers()).map((c) => c.labels[LABELS.podName]);
    expect(names).toEqual(['web', 'web']);
    expect(after).toContain('removeSandbox');
  });

  it('keeps pods running while the API is unreachable and reports once it is back', async () => {
    const h = make({ runtime: { images: ['busybox:1.36'], behaviour: scripted({ app: [{ kind: 'run' }, { kind: 'run' }] }) } });
    h.api.createPod(podOf('web'));
    await h.start();
    const id = h.container('web')!.containerID!.slice('fake://'.length);
    h.api.setDown(true);
    await h.tick(30_000, 1000);
    expect((await h.runtime.containerStatus(id))?.state).toBe('running');
    // A crash during the outage is still handled locally.
    h.runtime.crash(id, 2);
    await h.tick(1000);
    expect(h.created('app')).toHaveLength(2);
    h.api.setDown(false);
    await h.tick(60_000, 1000);
    expect(h.container('web')).toMatchObject({ restartCount: 1, ready: true });
    expect(h.container('web')!.lastState.terminated?.exitCode).toBe(2);
  });

  it('answers locator lookups with upstream wording', async () => {
    const h = make({ runtime: { images: ['busybox:1.36'], behaviour: scripted({ one: [exit(3, 0), { kind: 'run' }] }) } });
    h.api.createPod(podOf('web', { containers: [ctr('one'), ctr('two', { image: 'missing:1', imagePullPolicy: 'Never' })] }));
    await h.start();
    const loc = h.kubelet;
    expect(loc.containerId('default', 'web')).toEqual({ ok: false, code: 400, message: 'a container name must be specified for pod web, choose one of: [one two]' });
    const one = h.status('web')!.containerStatuses!.find((c) => c.name === 'one')!;
    expect(loc.containerId('default', 'web', 'one')).toEqual({ ok: true, value: one.containerID!.slice(7) });
    expect(loc.containerId('default', 'web', 'one', true)).toEqual({ ok: true, value: one.lastState.terminated!.containerID!.slice(7) });
    expect(loc.containerId('default', 'web', 'two', true)).toEqual({ ok: false, code: 400, message: 'previous terminated container "two" in pod "web" not found' });
    expect(loc.containerId('default', 'web', 'two')).toEqual({ ok: false, code: 400, message: 'container "two" in pod "web" is waiting to start: ErrImageNeverPull' });
    expect(loc.containerId('default', 'web', 'three')).toMatchObject({ ok: false, code: 400 });
    expect(loc.containerId('default', 'nope')).toEqual({ ok: false, code: 404, message: 'pods "nope" not found' });
    expect(loc.podAddress('default', 'web')).toEqual({ ok: true, value: '10.88.0.2' });
  });
});
