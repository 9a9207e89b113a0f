import { describe, expect, it } from 'vitest';
import type { PodSpec } from '../../../../workers/kube/resources/core/pod/spec';
import type { V1ContainerStatus } from '../types';
import { getPhase } from './phase';

const running = (name: string, started = true): V1ContainerStatus => ({ name, state: { running: {} }, lastState: {}, ready: true, restartCount: 0, image: '', imageID: '', started });
const exited = (name: string, exitCode: number): V1ContainerStatus => ({ name, state: { terminated: { exitCode } }, lastState: {}, ready: false, restartCount: 0, image: '', imageID: '' });
const waiting = (name: string, lastExit?: number): V1ContainerStatus => ({
  name,
  state: { waiting: { reason: 'X' } },
  lastState: lastExit === undefined ? {} : { terminated: { exitCode: lastExit } },
  ready: false,
  restartCount: 0,
  image: '',
  imageID: '',
});

const spec = (restartPolicy: string, containers: string[], init: string[] = [], sidecars: string[] = []): PodSpec => ({
  restartPolicy,
  containers: containers.map((name) => ({ name })),
  initContainers: [...init.map((name) => ({ name })), ...sidecars.map((name) => ({ name, restartPolicy: 'Always' }))],
});

describe('getPhase (upstream table)', () => {
  const cases: [string, PodSpec, V1ContainerStatus[], V1ContainerStatus[], boolean, string][] = [
    ['no statuses yet', spec('Always', ['a']), [], [], false, 'Pending'],
    ['all running', spec('Always', ['a', 'b']), [], [running('a'), running('b')], false, 'Running'],
    ['one running, one waiting without history', spec('Always', ['a', 'b']), [], [running('a'), waiting('b')], false, 'Pending'],
    ['one running, one restarting', spec('Always', ['a', 'b']), [], [running('a'), waiting('b', 1)], false, 'Running'],
    ['all exited ok, Always', spec('Always', ['a']), [], [exited('a', 0)], false, 'Running'],
    ['all exited ok, OnFailure', spec('OnFailure', ['a']), [], [exited('a', 0)], false, 'Succeeded'],
    ['one failed, OnFailure', spec('OnFailure', ['a']), [], [exited('a', 1)], false, 'Running'],
    ['one failed, Never', spec('Never', ['a', 'b']), [], [exited('a', 0), exited('b', 1)], false, 'Failed'],
    ['all ok, Never', spec('Never', ['a']), [], [exited('a', 0)], false, 'Succeeded'],
    ['restarting after failure, Never', spec('Never', ['a']), [], [waiting('a', 1)], false, 'Failed'],
    ['terminal with a failure, Always', spec('Always', ['a']), [], [exited('a', 143)], true, 'Failed'],
    ['terminal all ok, Always', spec('Always', ['a']), [], [exited('a', 0)], true, 'Succeeded'],
    ['init running', spec('Always', ['a'], ['i']), [running('i')], [waiting('a')], false, 'Pending'],
    ['init failed, Never', spec('Never', ['a'], ['i']), [exited('i', 1)], [waiting('a')], false, 'Failed'],
    ['init failed and restarting, Always', spec('Always', ['a'], ['i']), [waiting('i', 1)], [waiting('a')], false, 'Pending'],
    ['init done, app running', spec('Always', ['a'], ['i']), [exited('i', 0)], [running('a')], false, 'Running'],
    ['sidecar not started yet', spec('Always', ['a'], [], ['s']), [running('s', false)], [waiting('a')], false, 'Pending'],
    ['sidecar started, app running', spec('Always', ['a'], [], ['s']), [running('s')], [running('a')], false, 'Running'],
    ['sidecar running, app succeeded, Never', spec('Never', ['a'], [], ['s']), [running('s')], [exited('a', 0)], false, 'Running'],
    ['sidecar stopped, app succeeded, Never', spec('Never', ['a'], [], ['s']), [exited('s', 143)], [exited('a', 0)], false, 'Succeeded'],
    ['unknown container', spec('Always', ['a', 'b']), [], [running('a')], false, 'Pending'],
  ];
  it.each(cases)('%s', (_name, s, init, regular, terminal, phase) => {
    expect(getPhase(s, init, regular, terminal)).toBe(phase);
  });
});
