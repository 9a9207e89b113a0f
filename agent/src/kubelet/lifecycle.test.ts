import { describe, expect, it } from 'vitest';
import { exit, oom, scripted } from '../runtime/fake';
import { LABELS } from '../runtime/types';
import { ctr, harnessPerTest, HOST_IP, podOf, type Harness } from './testing/harness';

const newHarness = harnessPerTest();
let h: Harness | undefined;

const conds = (s: ReturnType<Harness['status']>) => Object.fromEntries((s?.conditions ?? []).map((c) => [c.type, c.status]));

describe('Kubelet pod lifecycle', () => {
  it('takes a pod from Pending to Running with upstream status, events and runtime settings', async () => {
    h = newHarness();
    const p = h.api.createPod(
      podOf('web', {
        containers: [ctr('app', { command: ['sh'], args: ['-c', 'sleep 1d'], workingDir: '/w', ports: [{ containerPort: 80, hostPort: 8080 }], resources: { limits: { memory: '64Mi', cpu: '500m' }, requests: { cpu: '250m' } } })],
      }),
    );
    await h.start();
    await h.settle();
    const s = h.status('web')!;
    expect(s.phase).toBe('Running');
    expect(conds(s)).toEqual({ PodReadyToStartContainers: 'True', Initialized: 'True', Ready: 'True', ContainersReady: 'True', PodScheduled: 'True' });
    expect(s.podIP).toBe('10.88.0.2');
    expect(s.podIPs).toEqual([{ ip: '10.88.0.2' }]);
    expect([s.hostIP, s.hostIPs]).toEqual([HOST_IP, [{ ip: HOST_IP }]]);
    expect(s.qosClass).toBe('Burstable');
    expect(s.startTime).toBe('2026-01-01T00:00:00Z');
    const c = h.container('web')!;
    expect(c).toMatchObject({ name: 'app', ready: true, started: true, restartCount: 0, image: 'busybox:1.36', state: { running: { startedAt: '2026-01-01T00:00:00.000Z' } }, lastState: {} });
    expect(c.containerID).toMatch(/^fake:\/\/[0-9a-f]{64}$/);
    expect(c.imageID).toMatch(/^sha256:/);

    const spec = h.runtime.specOf(c.containerID!.slice('fake://'.length))!;
    expect(spec).toMatchObject({ command: ['sh'], args: ['-c', 'sleep 1d'], workingDir: '/w', resources: { memoryLimitBytes: 64 * 2 ** 20, nanoCpus: 5e8, cpuShares: 256 } });
    expect(spec.labels).toMatchObject({ [LABELS.podUid]: p.metadata.uid, [LABELS.container]: 'app', [LABELS.attempt]: '0', [LABELS.containerKind]: 'regular', [LABELS.nodeName]: 'node-1' });
    const sandbox = h.runtime.sandboxSpecOf(spec.sandboxId)!;
    expect(sandbox.portMappings).toEqual([{ containerPort: 80, hostPort: 8080, protocol: 'TCP' }]);
    expect(sandbox.dns).toEqual({ servers: ['10.96.0.10'], searches: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], options: ['ndots:5'] });

    expect(h.api.eventsFor('web')).toEqual(['Pulled: Container image "busybox:1.36" already present on machine', 'Created: Created container: app', 'Started: Started container app']);
    const ev = h.api.eventList()[0];
    expect(ev.involvedObject.fieldPath).toBe('spec.containers{app}');
    expect(ev.source).toEqual({ component: 'kubelet', host: 'node-1' });
  });

  it('runs init containers one at a time, in order, before the app', async () => {
    h = newHarness({ runtime: { behaviour: scripted({ init1: [exit(0, 1000)], init2: [exit(0, 1000)] }) } });
    h.api.createPod(podOf('web', { initContainers: [ctr('init1'), ctr('init2')] }));
    await h.start();
    await h.settle();
    expect(h.created().map((c) => (c.args[0] as { name: string }).name)).toEqual(['init1']);
    let s = h.status('web')!;
    expect(s.phase).toBe('Pending');
    expect(s.conditions?.find((c) => c.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init1 init2]' });
    expect(h.container('web')?.state).toEqual({ waiting: { reason: 'PodInitializing' } });
    await h.tick(1000);
    expect(h.created().map((c) => (c.args[0] as { name: string }).name)).toEqual(['init1', 'init2']);
    await h.tick(1000);
    s = h.status('web')!;
    expect(h.created().map((c) => (c.args[0] as { name: string }).name)).toEqual(['init1', 'init2', 'app']);
    expect(s.phase).toBe('Running');
    expect(conds(s).Initialized).toBe('True');
    expect(s.initContainerStatuses?.map((i) => [i.name, i.state.terminated?.reason, i.ready])).toEqual([
      ['init1', 'Completed', true],
      ['init2', 'Completed', true],
    ]);
  });

  it('fails the pod when an init container fails under restartPolicy Never', async () => {
    h = newHarness({ runtime: { behaviour: scripted({ init1: [exit(2, 500)] }) } });
    h.api.createPod(podOf('job', { restartPolicy: 'Never', initContainers: [ctr('init1')] }));
    await h.start();
    await h.tick(2000);
    const s = h.status('job')!;
    expect(s.phase).toBe('Failed');
    expect(s.initContainerStatuses?.[0].state.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
    expect(h.created('app')).toHaveLength(0);
    expect(s.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodFailed' });
  });

  it('restarts a failed init container with back-off under restartPolicy Always', async () => {
    h = newHarness({ runtime: { behaviour: scripted({ init1: [exit(1, 0), exit(1, 0), exit(0, 0)] }) } });
    h.api.createPod(podOf('web', { initContainers: [ctr('init1')] }));
    await h.start();
    await h.settle();
    expect(h.created('init1')).toHaveLength(2);
    const init = h.status('web')!.initContainerStatuses![0];
    expect(init.state.waiting).toMatchObject({ reason: 'CrashLoopBackOff' });
    expect(init.restartCount).toBe(1);
    expect(h.status('web')!.phase).toBe('Pending');
    await h.tick(10_000);
    expect(h.created('init1')).toHaveLength(3);
    expect(h.created('app')).toHaveLength(1);
    expect(h.status('web')!.phase).toBe('Running');
  });

  it('backs off crash-looping restarts 10 s, 20 s, 40 s with upstream wording', async () => {
    h = newHarness({ runtime: { behaviour: scripted({ app: [exit(1, 0)] }) } });
    const p = h.api.createPod(podOf('web'));
    await h.start();
    await h.settle();
    // The first restart is immediate; the next waits 10 s after the last finish.
    expect(h.created('app')).toHaveLength(2);
    const c = h.container('web')!;
    expect(c.state.waiting).toEqual({ reason: 'CrashLoopBackOff', message: `back-off 10s restarting failed container=app pod=web_default(${p.metadata.uid})` });
    expect(c.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(c.restartCount).toBe(1);
    expect(h.status('web')!.phase).toBe('Running');
    expect(h.api.eventsFor('web')).toContain(`BackOff: Back-off restarting failed container app in pod web_default(${p.metadata.uid})`);
    await h.tick(9500);
    expect(h.created('app')).toHaveLength(2);
    await h.tick(500);
    expect(h.created('app')).toHaveLength(3);
    expect(h.container('web')!.state.waiting?.message).toMatch(/^back-off 20s /);
    await h.tick(19_500);
    expect(h.created('app')).toHaveLength(3);
    await h.tick(500);
    expect(h.created('app')).toHaveLength(4);
    expect(h.container('web')!.state.waiting?.message).toMatch(/^back-off 40s /);
    expect(h.container('web')!.restartCount).toBe(3);
    await h.tick(40_000);
    expect(h.created('app')).toHaveLength(5);
    // Old instances are removed: the newest and the one before it (for logs --previous) stay.
    expect(await h.runtime.listContainers()).toHaveLength(2);
    expect(h.container('web')!.restartCount).toBe(4);
  });

  it('resets the back-off after a container ran for 10 minutes', async () => {
    h = newHarness({ runtime: { behaviour: scripted({ app: [exit(1, 0), exit(1, 0), exit(1, 700_000), exit(1, 0)] }) } });
    h.api.createPod(podOf('web'));
    await h.start();
    await h.settle();
    await h.tick(10_000, 1000);
    expect(h.created('app')).toHaveLength(3);
    // The third instance runs for more than 10 minutes, then fails: restarted at once again.
    await h.tick(700_000, 10_000);
    expect(h.created('app')).toHaveLength(4);
    expect(h.container('web')!.state.waiting?.message).toMatch(/^back-off 10s /);
  });

  it.each([
    ['Always', 0, 2, 'Running'],
    ['Always', 1, 2, 'Running'],
    ['OnFailure', 0, 1, 'Succeeded'],
    ['OnFailure', 1, 2, 'Running'],
    ['Never', 0, 1, 'Succeeded'],
    ['Never', 1, 1, 'Failed'],
  ])('restartPolicy %s with exit %i: %i instances, phase %s', async (policy, code, instances, phase) => {
    h = newHarness({ runtime: { behaviour: scripted({ app: [exit(code, 1000), { kind: 'run' }] }) } });
    h.api.createPod(podOf('web', { restartPolicy: policy }));
    await h.start();
    await h.tick(2000);
    expect(h.created('app')).toHaveLength(instances);
    expect(h.status('web')!.phase).toBe(phase);
    const t = h.container('web')!;
    const terminated = t.state.terminated ?? t.lastState.terminated;
    expect(terminated).toMatchObject({ exitCode: code, reason: code === 0 ? 'Completed' : 'Error', startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:01.000Z' });
  });

  it('reports OOMKilled for exit 137 of a container with a memory limit', async () => {
    h = newHarness({ runtime: { behaviour: scripted({ app: [oom(1000)] }) } });
    h.api.createPod(podOf('web', { restartPolicy: 'Never', containers: [ctr('app', { resources: { limits: { memory: '10Mi' } } })] }));
    await h.start();
    await h.tick(1000);
    expect(h.container('web')!.state.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(h.status('web')!.phase).toBe('Failed');
  });

  it('recreates the whole pod when its sandbox dies', async () => {
    h = newHarness();
    h.api.createPod(podOf('web'));
    await h.start();
    await h.settle();
    const first = h.runtime.callsTo('runSandbox').length;
    const sandboxId = h.runtime.specOf(h.container('web')!.containerID!.slice(7))!.sandboxId;
    h.runtime.killSandbox(sandboxId);
    await h.tick(3000);
    expect(h.runtime.callsTo('runSandbox').length).toBe(first + 1);
    expect(h.api.eventsFor('web')).toContain('SandboxChanged: Pod sandbox changed, it will be killed and re-created.');
    expect(h.status('web')!.podIP).toBe('10.88.0.3');
    expect(h.container('web')).toMatchObject({ restartCount: 1, ready: true });
  });
});

describe('Kubelet termination messages', () => {
  it('falls back to the log tail of a failed container with FallbackToLogsOnError', async () => {
    h = newHarness({ runtime: { behaviour: scripted({ app: [exit(1, 1000)] }) } });
    h.api.createPod(podOf('job', { restartPolicy: 'Never', containers: [ctr('app', { terminationMessagePolicy: 'FallbackToLogsOnError' })] }));
    await h.start();
    const id = h.container('job')!.containerID!.slice('fake://'.length);
    h.runtime.writeLog(id, 'panic: boom');
    await h.tick(1000);
    expect(h.container('job')!.state.terminated).toMatchObject({ exitCode: 1, reason: 'Error', message: 'panic: boom\n' });
  });
});
