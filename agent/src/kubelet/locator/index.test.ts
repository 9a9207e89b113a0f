import { describe, expect, it } from 'vitest';
import type { Pod, V1ContainerStatus } from '../types';
import { locateAddress, locateContainer } from './index';

const st = (name: string, extra: Partial<V1ContainerStatus>): V1ContainerStatus => ({ name, state: {}, lastState: {}, ready: false, restartCount: 0, image: '', imageID: '', ...extra });
const pod = (annotations?: Record<string, string>): Pod => ({ metadata: { name: 'p', namespace: 'ns', annotations }, spec: { containers: [{ name: 'a' }, { name: 'b' }], initContainers: [{ name: 'i' }] } });

describe('locateContainer', () => {
  const status = {
    initContainerStatuses: [st('i', { state: { terminated: { exitCode: 0, containerID: 'podman://init1' } } })],
    containerStatuses: [
      st('a', { state: { running: {} }, containerID: 'podman://a2', lastState: { terminated: { exitCode: 1, containerID: 'podman://a1' } } }),
      st('b', { state: { waiting: { reason: 'ErrImagePull' } } }),
    ],
  };

  it('honours the default-container annotation and finds init containers', () => {
    expect(locateContainer({ pod: pod({ 'kubectl.kubernetes.io/default-container': 'a' }), status }, 'p')).toEqual({ ok: true, value: 'a2' });
    expect(locateContainer({ pod: pod(), status }, 'p', 'i')).toEqual({ ok: true, value: 'init1' });
    expect(locateContainer({ pod: pod(), status }, 'p', 'a', true)).toEqual({ ok: true, value: 'a1' });
  });

  it('explains why there is no container, in upstream words', () => {
    expect(locateContainer({ pod: pod(), status }, 'p', 'b')).toEqual({ ok: false, code: 400, message: `container "b" in pod "p" is waiting to start: image can't be pulled` });
    expect(locateContainer({ pod: pod(), status }, 'p', 'x')).toEqual({ ok: false, code: 400, message: 'container x is not valid for pod p' });
    expect(locateContainer({ pod: pod(), status: {} }, 'p', 'a')).toEqual({ ok: false, code: 400, message: 'container "a" in pod "p" is not available' });
    expect(locateContainer(undefined, 'p')).toEqual({ ok: false, code: 404, message: 'pods "p" not found' });
  });

  it('gives the pod address, or loopback on the host network', () => {
    expect(locateAddress({ pod: pod(), status: { podIP: '10.1.0.4' } }, 'p')).toEqual({ ok: true, value: '10.1.0.4' });
    expect(locateAddress({ pod: { ...pod(), spec: { ...pod().spec, hostNetwork: true } } }, 'p')).toEqual({ ok: true, value: '127.0.0.1' });
    expect(locateAddress({ pod: pod(), status: {} }, 'p')).toMatchObject({ ok: false, code: 400 });
  });
});
