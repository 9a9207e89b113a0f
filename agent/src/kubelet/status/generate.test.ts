import { describe, expect, it } from 'vitest';
import { LABELS, type ContainerStatus, type SandboxStatus } from '../../runtime/types';
import type { Pod, V1PodCondition } from '../types';
import { containersReady, initialized, podReady } from './conditions';
import { generatePodStatus, type StatusInput } from './generate';
import { statusEqual, statusPatch } from './compare';

const NOW = '2026-01-01T00:01:00Z';
const sandbox: SandboxStatus = { id: 'sb', state: 'ready', ips: ['10.0.0.5'], labels: {}, createdAt: '2026-01-01T00:00:00Z' };

function inst(name: string, attempt: number, state: Partial<ContainerStatus>): ContainerStatus {
  return { id: `${name}-${attempt}`, name, state: 'running', image: 'img', imageId: 'sha256:abc', labels: { [LABELS.container]: name, [LABELS.attempt]: String(attempt) }, createdAt: `2026-01-01T00:00:0${attempt}Z`, ...state };
}

function pod(spec: Partial<Pod['spec']> = {}, status?: Pod['status']): Pod {
  return { metadata: { name: 'p', namespace: 'ns', uid: 'u1' }, spec: { containers: [{ name: 'a', image: 'img' }], restartPolicy: 'Always', ...spec }, status };
}

function gen(p: Pod, containers: ContainerStatus[], extra: Partial<StatusInput> = {}) {
  return generatePodStatus({ pod: p, observed: { sandboxes: [sandbox], containers }, hostIP: '192.168.0.1', scheme: 'docker', waiting: new Map(), probes: () => ({}), terminal: false, now: NOW, ...extra });
}

describe('generatePodStatus', () => {
  it('reports a running container with its previous termination and the restart count', () => {
    const s = gen(pod(), [inst('a', 1, { startedAt: 'T2' }), inst('a', 0, { state: 'exited', exitCode: 2, startedAt: 'T0', finishedAt: 'T1' })]);
    expect(s.containerStatuses).toEqual([
      {
        name: 'a',
        state: { running: { startedAt: 'T2' } },
        lastState: { terminated: { exitCode: 2, reason: 'Error', startedAt: 'T0', finishedAt: 'T1', containerID: 'docker://a-0' } },
        ready: true,
        started: true,
        restartCount: 1,
        image: 'img',
        imageID: 'sha256:abc',
        containerID: 'docker://a-1',
      },
    ]);
    expect(s).toMatchObject({ phase: 'Running', podIP: '10.0.0.5', podIPs: [{ ip: '10.0.0.5' }], hostIP: '192.168.0.1', startTime: NOW, qosClass: 'BestEffort' });
  });

  it('shows a start failure as the waiting state and keeps the termination as lastState', () => {
    const s = gen(pod(), [inst('a', 0, { state: 'exited', exitCode: 1, finishedAt: 'T1', startedAt: 'T0' })], { waiting: new Map([['a', { reason: 'CrashLoopBackOff', message: 'back-off 10s' }]]) });
    expect(s.containerStatuses?.[0].state).toEqual({ waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s' } });
    expect(s.containerStatuses?.[0].lastState.terminated?.exitCode).toBe(1);
  });

  it('keeps transition times of conditions that did not change, and other writers’ conditions', () => {
    const old: V1PodCondition[] = [
      { type: 'PodScheduled', status: 'True', lastTransitionTime: 'S' },
      { type: 'Ready', status: 'True', lastTransitionTime: 'R' },
      { type: 'example.com/gate', status: 'True', lastTransitionTime: 'G' },
    ];
    const s = gen(pod({ readinessGates: [{ conditionType: 'example.com/gate' }] }, { conditions: old, startTime: 'ST', qosClass: 'Burstable' }), [inst('a', 0, {})]);
    expect(s.conditions).toEqual([
      { type: 'example.com/gate', status: 'True', lastTransitionTime: 'G' },
      { type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: NOW },
      { type: 'Initialized', status: 'True', lastTransitionTime: NOW },
      { type: 'Ready', status: 'True', lastTransitionTime: 'R' },
      { type: 'ContainersReady', status: 'True', lastTransitionTime: NOW },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: 'S' },
    ]);
    expect([s.startTime, s.qosClass]).toEqual(['ST', 'Burstable']);
  });

  it('never moves a pod out of a terminal phase', () => {
    const s = gen(pod({}, { phase: 'Succeeded' }), [inst('a', 0, {})]);
    expect(s.phase).toBe('Succeeded');
  });

  it('reports OOMKilled from the runtime or from exit 137 under a memory limit, and a termination message', () => {
    const limited = pod({ restartPolicy: 'Never', containers: [{ name: 'a', image: 'img', resources: { limits: { memory: '1Gi' } } }] });
    const s = gen(limited, [inst('a', 0, { state: 'exited', exitCode: 137 })], { terminationMessages: new Map([['a-0', 'out of memory']]) });
    expect(s.containerStatuses?.[0].state.terminated).toMatchObject({ reason: 'OOMKilled', message: 'out of memory' });
    expect(gen(pod(), [inst('a', 0, { state: 'exited', exitCode: 137 })]).containerStatuses?.[0].state.terminated?.reason).toBe('Error');
    expect(gen(pod(), [inst('a', 0, { state: 'exited', exitCode: 137, oomKilled: true })]).containerStatuses?.[0].state.terminated?.reason).toBe('OOMKilled');
    expect(gen(pod(), [inst('a', 0, { state: 'exited', exitCode: 128, error: 'exec format error' })]).containerStatuses?.[0].state.terminated).toMatchObject({ reason: 'StartError', message: 'exec format error' });
  });

  it('uses the node address for host-network pods and keeps an old address once the sandbox is gone', () => {
    expect(gen(pod({ hostNetwork: true }), []).podIPs).toEqual([{ ip: '192.168.0.1' }]);
    const s = generatePodStatus({ pod: pod({}, { podIP: '10.0.0.9' }), observed: { sandboxes: [], containers: [] }, hostIP: 'h', scheme: 'docker', waiting: new Map(), probes: () => ({}), terminal: true, now: NOW });
    expect(s.podIP).toBe('10.0.0.9');
    expect(s.conditions?.find((c) => c.type === 'PodReadyToStartContainers')?.status).toBe('False');
  });

  it('computes the QoS class as upstream', () => {
    const withRes = (resources: object) => gen(pod({ containers: [{ name: 'a', image: 'img', resources }] }), []).qosClass;
    expect(withRes({})).toBe('BestEffort');
    expect(withRes({ limits: { cpu: '1', memory: '1Gi' } })).toBe('Guaranteed');
    expect(withRes({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } })).toBe('Burstable');
    expect(withRes({ requests: { memory: '10Mi' } })).toBe('Burstable');
  });
});

describe('pod conditions (upstream wording)', () => {
  const spec = { containers: [{ name: 'a' }, { name: 'b' }], initContainers: [{ name: 'i1' }, { name: 'i2' }] };
  const st = (name: string, ready: boolean, extra: object = {}) => ({ name, ready, restartCount: 0, image: '', imageID: '', state: {}, lastState: {}, ...extra });

  it('Initialized lists incomplete init containers', () => {
    expect(initialized(spec, [st('i1', true, { state: { terminated: { exitCode: 0 } } })], 'Pending')).toEqual({
      type: 'Initialized',
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [i2]',
    });
    expect(initialized(spec, [st('i1', false, { state: { terminated: { exitCode: 1 } } }), st('i2', false)], 'Pending').message).toBe('containers with incomplete status: [i1 i2]');
    expect(initialized(spec, [st('a', true, { state: { running: {} } })], 'Running').status).toBe('True');
    expect(initialized(spec, [st('i1', true, { state: { terminated: { exitCode: 0 } } }), st('i2', true, { state: { terminated: { exitCode: 0 } } })], 'Succeeded')).toEqual({ type: 'Initialized', status: 'True', reason: 'PodCompleted' });
  });

  it('ContainersReady and Ready: unknown, unready, completed, failed', () => {
    expect(containersReady(spec, [st('a', false)], 'Running')).toEqual({ type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: 'containers with unknown status: [b], containers with unready status: [a]' });
    expect(containersReady(spec, [st('a', false), st('b', false)], 'Succeeded')).toEqual({ type: 'ContainersReady', status: 'False', reason: 'PodCompleted' });
    expect(containersReady(spec, [st('a', true), st('b', true)], 'Failed')).toEqual({ type: 'ContainersReady', status: 'False', reason: 'PodFailed' });
    const ok = containersReady(spec, [st('a', true), st('b', true)], 'Running');
    expect(ok).toEqual({ type: 'ContainersReady', status: 'True' });
    const gates = { ...spec, readinessGates: [{ conditionType: 'x/one' }, { conditionType: 'x/two' }] };
    expect(podReady(gates, ok, [{ type: 'x/one', status: 'False' }])).toEqual({
      type: 'Ready',
      status: 'False',
      reason: 'ReadinessGatesNotReady',
      message: 'the status of pod readiness gate "x/one" is not "True", but False, corresponding condition of pod readiness gate "x/two" does not exist.',
    });
    expect(podReady(gates, ok, [{ type: 'x/one', status: 'True' }, { type: 'x/two', status: 'True' }]).status).toBe('True');
  });
});

describe('status writes', () => {
  it('compares owned fields only and clears fields that went away', () => {
    expect(statusEqual({ phase: 'Running', nominatedNodeName: 'x' }, { phase: 'Running' })).toBe(true);
    expect(statusEqual({ phase: 'Running' }, { phase: 'Pending' })).toBe(false);
    expect(statusPatch({ phase: 'Running', podIP: '1.2.3.4', message: 'm' }, { phase: 'Running' })).toEqual({ status: { phase: 'Running', podIP: null, message: null } });
  });
});
