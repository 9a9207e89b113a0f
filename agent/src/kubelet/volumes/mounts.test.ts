import { mkdir, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MountError } from './index';
import { mode, pod, read, volumeFixture } from './test-helpers';

const f = volumeFixture();

describe('VolumeManager.mountsFor', () => {
  it('binds each volumeMount, forcing API-data volumes read-only, plus the termination message file', async () => {
    const vm = f.manager();
    const p = pod(
      [
        { name: 'scratch', emptyDir: {} },
        { name: 'c', configMap: { name: 'cfg' } },
      ],
      [{ volumeMounts: [{ name: 'scratch', mountPath: '/tmp/s' }, { name: 'c', mountPath: '/etc/c' }, { name: 'scratch', mountPath: '/ro', readOnly: true }] }],
    );
    await vm.setUp(p);
    const mounts = vm.mountsFor(p, p.spec.containers[0]);
    const tlog = join(f.root, 'pods/uid-1/containers/app/termination-log');
    expect(mounts).toEqual([
      { type: 'bind', containerPath: '/tmp/s', hostPath: f.vdir('kubernetes.io~empty-dir', 'scratch'), readOnly: false },
      { type: 'bind', containerPath: '/etc/c', hostPath: f.vdir('kubernetes.io~configmap', 'c'), readOnly: true },
      { type: 'bind', containerPath: '/ro', hostPath: f.vdir('kubernetes.io~empty-dir', 'scratch'), readOnly: true },
      { type: 'bind', containerPath: '/dev/termination-log', hostPath: tlog, readOnly: false },
    ]);
    expect(await mode(tlog)).toBe(0o666);
  });

  it('resolves subPath inside the volume, creating a missing directory', async () => {
    const vm = f.manager();
    const p = pod([{ name: 's', emptyDir: {} }, { name: 'c', configMap: { name: 'cfg' } }], [
      { terminationMessagePath: '', volumeMounts: [{ name: 's', mountPath: '/a', subPath: 'x/y' }, { name: 'c', mountPath: '/etc/app.conf', subPath: 'app.conf' }] },
    ]);
    await vm.setUp(p);
    const [a, conf] = vm.mountsFor(p, p.spec.containers[0]);
    expect(a.hostPath).toBe(join(f.vdir('kubernetes.io~empty-dir', 's'), 'x/y'));
    expect((await stat(a.hostPath!)).isDirectory()).toBe(true);
    expect(await read(conf.hostPath!)).toBe('x=1');
  });

  it('expands subPathExpr from the container env and fails on a missing variable', async () => {
    const vm = f.manager();
    const p = pod([{ name: 's', emptyDir: {} }], [{ terminationMessagePath: '', volumeMounts: [{ name: 's', mountPath: '/logs', subPathExpr: '$(POD_NAME)' }] }]);
    await vm.setUp(p);
    expect(vm.mountsFor(p, p.spec.containers[0], [{ name: 'POD_NAME', value: 'p' }])[0].hostPath).toBe(join(f.vdir('kubernetes.io~empty-dir', 's'), 'p'));
    expect(() => vm.mountsFor(p, p.spec.containers[0], [])).toThrow('missing value for POD_NAME');
  });

  it.each([
    ['/etc', 'error SubPath `/etc` must not be an absolute path'],
    ['a/../../x', "unable to provision SubPath `a/../../x`: must not contain '..'"],
  ])('rejects subPath %s', async (subPath, text) => {
    const vm = f.manager();
    const p = pod([{ name: 's', emptyDir: {} }], [{ volumeMounts: [{ name: 's', mountPath: '/a', subPath }] }]);
    await vm.setUp(p);
    expect(() => vm.mountsFor(p, p.spec.containers[0])).toThrow(new MountError(text));
  });

  it('rejects a subPath symlink that leads out of the volume', async () => {
    const vm = f.manager();
    const p = pod([{ name: 's', emptyDir: {} }], [{ volumeMounts: [{ name: 's', mountPath: '/a', subPath: 'evil' }] }]);
    await vm.setUp(p);
    await symlink('/etc', join(f.vdir('kubernetes.io~empty-dir', 's'), 'evil'));
    expect(() => vm.mountsFor(p, p.spec.containers[0])).toThrow(/not within volume path/);
  });

  it('rejects a mount of a volume the pod does not have', () => {
    const p = pod([], [{ volumeMounts: [{ name: 'nope', mountPath: '/x' }] }]);
    expect(() => f.manager().mountsFor(p, p.spec.containers[0])).toThrow('cannot find volume "nope" to mount into container "app"');
  });

  it('reads back the termination message, emptied for each new container instance', async () => {
    const vm = f.manager();
    const p = pod([], [{ terminationMessagePath: '/tmp/msg' }]);
    const [m] = vm.mountsFor(p, p.spec.containers[0]);
    expect(m.containerPath).toBe('/tmp/msg');
    await writeFile(m.hostPath!, 'x'.repeat(5000));
    expect(await vm.readTerminationMessage('uid-1', 'app')).toBe('x'.repeat(4096));
    vm.mountsFor(p, p.spec.containers[0]);
    expect(await vm.readTerminationMessage('uid-1', 'app')).toBe('');
    expect(await vm.readTerminationMessage('uid-1', 'other')).toBe('');
  });
});

describe('VolumeManager.tearDown', () => {
  it('removes every file of the pod but leaves hostPath volumes alone', async () => {
    const host = join(f.root, 'host');
    await mkdir(host);
    await writeFile(join(host, 'keep'), 'k');
    const vm = f.manager();
    const p = pod(
      [
        { name: 'e', emptyDir: {} },
        { name: 'c', configMap: { name: 'cfg' } },
        { name: 'h', hostPath: { path: host } },
      ],
      [{ volumeMounts: [{ name: 'h', mountPath: '/h' }] }],
    );
    await vm.setUp(p);
    vm.mountsFor(p, p.spec.containers[0]);
    await vm.tearDown('uid-1');
    await expect(stat(join(f.root, 'pods/uid-1'))).rejects.toThrow();
    expect(await read(join(host, 'keep'))).toBe('k');
  });
});

