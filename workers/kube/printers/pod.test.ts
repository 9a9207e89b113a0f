// Golden cells for pods, from what `kubectl get pods -o wide` shows on a real cluster.
import { describe, expect, it } from 'vitest';
import { rowFor } from './table';
import { HOUR, MIN, NOW, ago, def, meta } from './golden.testing';
import type { Pod } from './pod';

const POD = def('', 'v1', 'Pod');
const running = { running: { startedAt: ago(4 * MIN) } };
const ready = { type: 'Ready', status: 'True' };

function pod(name: string, status: Pod['status'], spec: Partial<NonNullable<Pod['spec']>> = {}, extra: Record<string, unknown> = {}): Pod {
  return {
    metadata: meta(name, 5 * MIN, extra),
    spec: { nodeName: 'node-1', containers: [{ name: 'app' }], ...spec },
    status,
  };
}

const cs = (state: object, more: object = {}) => ({ name: 'app', ready: false, restartCount: 0, state, ...more });
const cells = (p: Pod) => rowFor(POD, p, NOW).cells;

describe('pod columns', () => {
  it('running pod, all wide columns', () => {
    const p = pod('web-1', { phase: 'Running', podIP: '10.244.0.10', podIPs: [{ ip: '10.244.0.10' }], conditions: [ready], containerStatuses: [cs(running, { ready: true })] });
    expect(cells(p)).toEqual(['web-1', '1/1', 'Running', '0', '5m', '10.244.0.10', 'node-1', '<none>', '<none>']);
  });

  it('pending, unscheduled pod shows Pending and <none> placeholders', () => {
    const p = pod('p', { phase: 'Pending' }, { nodeName: undefined });
    expect(cells(p)).toEqual(['p', '0/1', 'Pending', '0', '5m', '<none>', '<none>', '<none>', '<none>']);
  });

  it.each([
    ['ContainerCreating', { waiting: { reason: 'ContainerCreating' } }, 'Pending'],
    ['ImagePullBackOff', { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image' } }, 'Pending'],
    ['ErrImagePull', { waiting: { reason: 'ErrImagePull' } }, 'Pending'],
    ['CrashLoopBackOff', { waiting: { reason: 'CrashLoopBackOff' } }, 'Running'],
    ['PodInitializing', { waiting: { reason: 'PodInitializing' } }, 'Pending'],
    ['Completed', { terminated: { exitCode: 0, reason: 'Completed' } }, 'Succeeded'],
    ['Error', { terminated: { exitCode: 1, reason: 'Error' } }, 'Failed'],
    ['OOMKilled', { terminated: { exitCode: 137, reason: 'OOMKilled' } }, 'Running'],
    ['ExitCode:3', { terminated: { exitCode: 3 } }, 'Failed'],
    ['Signal:9', { terminated: { exitCode: 137, signal: 9 } }, 'Failed'],
  ])('container state gives STATUS %s', (status, state, phase) => {
    const p = pod('p', { phase, containerStatuses: [cs(state)] });
    expect(cells(p)[2]).toBe(status);
    expect(cells(p)[1]).toBe('0/1');
  });

  it('the first container wins when several report a reason', () => {
    const p = pod('p', { phase: 'Running', containerStatuses: [cs({ waiting: { reason: 'CrashLoopBackOff' } }), { ...cs(running, { ready: true }), name: 'side' }] }, { containers: [{ name: 'app' }, { name: 'side' }] });
    expect(cells(p).slice(1, 3)).toEqual(['1/2', 'CrashLoopBackOff']);
  });

  it('Unknown phase and a pod status reason (Evicted) are shown as is', () => {
    expect(cells(pod('p', { phase: 'Unknown' }))[2]).toBe('Unknown');
    expect(cells(pod('p', { phase: 'Failed', reason: 'Evicted' }))[2]).toBe('Evicted');
  });

  it('init containers: Init:0/2, Init:CrashLoopBackOff, Init:Error, then PodInitializing', () => {
    const inits = { initContainers: [{ name: 'i1' }, { name: 'i2' }] };
    const ic = (name: string, state: object) => ({ name, ready: false, restartCount: 0, state });
    const waitingMain = [cs({ waiting: { reason: 'PodInitializing' } })];
    const waitingInit = { waiting: { reason: 'PodInitializing' } };
    expect(cells(pod('p', { phase: 'Pending', initContainerStatuses: [ic('i1', running), ic('i2', waitingInit)], containerStatuses: waitingMain }, inits))[2]).toBe('Init:0/2');
    const done = { terminated: { exitCode: 0, reason: 'Completed' } };
    expect(cells(pod('p', { phase: 'Pending', initContainerStatuses: [ic('i1', done), ic('i2', running)], containerStatuses: waitingMain }, inits))[2]).toBe('Init:1/2');
    expect(cells(pod('p', { phase: 'Pending', initContainerStatuses: [ic('i1', { waiting: { reason: 'CrashLoopBackOff' } }), ic('i2', waitingInit)] }, inits))[2]).toBe('Init:CrashLoopBackOff');
    expect(cells(pod('p', { phase: 'Pending', initContainerStatuses: [ic('i1', { terminated: { exitCode: 1, reason: 'Error' } }), ic('i2', waitingInit)] }, inits))[2]).toBe('Init:Error');
    expect(cells(pod('p', { phase: 'Pending', initContainerStatuses: [ic('i1', { terminated: { exitCode: 2 } })] }, inits))[2]).toBe('Init:ExitCode:2');
    expect(cells(pod('p', { phase: 'Pending', initContainerStatuses: [ic('i1', done), ic('i2', done)], containerStatuses: waitingMain }, inits))[2]).toBe('PodInitializing');
  });

  it('sidecar (restartable init) containers count toward READY', () => {
    const spec = { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] };
    const p = pod('p', { phase: 'Running', conditions: [ready, { type: 'Initialized', status: 'True' }], initContainerStatuses: [{ name: 'proxy', ready: true, started: true, restartCount: 1, state: running }], containerStatuses: [cs(running, { ready: true })] }, spec);
    expect(cells(p).slice(1, 4)).toEqual(['2/2', 'Running', '1']);
  });

  it('a completed container beside a running one reads Running (or NotReady without the Ready condition)', () => {
    const two = { containers: [{ name: 'app' }, { name: 'job' }] };
    const statuses = [cs(running, { ready: true }), { ...cs({ terminated: { exitCode: 0, reason: 'Completed' } }), name: 'job' }];
    expect(cells(pod('p', { phase: 'Running', conditions: [ready], containerStatuses: statuses }, two))[2]).toBe('Running');
    expect(cells(pod('p', { phase: 'Running', containerStatuses: statuses }, two))[2]).toBe('NotReady');
  });

  it('deletion shows Terminating, or Unknown on a lost node; finished pods keep their status', () => {
    const del = { deletionTimestamp: ago(10) };
    expect(cells(pod('p', { phase: 'Running', conditions: [ready], containerStatuses: [cs(running, { ready: true })] }, {}, del))[2]).toBe('Terminating');
    expect(cells(pod('p', { phase: 'Running', reason: 'NodeLost' }, {}, del))[2]).toBe('Unknown');
    expect(cells(pod('p', { phase: 'Succeeded', containerStatuses: [cs({ terminated: { exitCode: 0, reason: 'Completed' } })] }, {}, del))[2]).toBe('Completed');
  });

  it('scheduling gates show SchedulingGated', () => {
    expect(cells(pod('p', { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }))[2]).toBe('SchedulingGated');
  });

  it('RESTARTS shows the count and how long ago the last restart ended', () => {
    const last = { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(2 * MIN) } };
    const p = pod('p', { phase: 'Running', containerStatuses: [cs({ waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 3, lastState: last })] });
    expect(cells(p).slice(2, 4)).toEqual(['CrashLoopBackOff', '3 (2m ago)']);
    const noTime = pod('p', { phase: 'Running', containerStatuses: [cs(running, { restartCount: 4 })] });
    expect(cells(noTime)[3]).toBe('4');
    const old = pod('p', { phase: 'Running', containerStatuses: [cs(running, { restartCount: 1, lastState: { terminated: { exitCode: 1, finishedAt: ago(26 * HOUR) } } })] });
    expect(cells(old)[3]).toBe('1 (26h ago)');
  });

  it('nominated node and readiness gates in wide columns', () => {
    const p = pod('p', { phase: 'Running', nominatedNodeName: 'node-2', conditions: [ready, { type: 'example.com/lb', status: 'True' }] }, { readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] });
    expect(cells(p).slice(7)).toEqual(['node-2', '1/2']);
  });

  it('finished pods carry a Completed row condition', () => {
    expect(rowFor(POD, pod('p', { phase: 'Succeeded' }), NOW).conditions?.[0]).toMatchObject({ type: 'Completed', status: 'True', reason: 'Succeeded' });
    expect(rowFor(POD, pod('p', { phase: 'Running' }), NOW).conditions).toBeUndefined();
  });
});
