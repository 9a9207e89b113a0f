import { mkdir, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StaticObjects } from '../objects';
import { pod, volumeFixture } from './test-helpers';

const f = volumeFixture();

describe('hostPath types', () => {
  let sock: Server | undefined;
  afterEach(() => new Promise<void>((r) => (sock ? sock.close(() => r()) : r())));

  it('creates DirectoryOrCreate and FileOrCreate paths', async () => {
    const d = join(f.root, 'host/newdir');
    const file = join(f.root, 'newfile');
    const r = await f.manager().setUp(pod([{ name: 'a', hostPath: { path: d, type: 'DirectoryOrCreate' } }, { name: 'b', hostPath: { path: file, type: 'FileOrCreate' } }]));
    expect(r).toEqual({ ok: true });
    expect((await stat(d)).isDirectory()).toBe(true);
    expect((await stat(file)).isFile()).toBe(true);
  });

  it('accepts matching types', async () => {
    const s = join(f.root, 's.sock');
    sock = createServer();
    await new Promise<void>((r) => sock!.listen(s, r));
    await writeFile(join(f.root, 'f'), '');
    const r = await f.manager().setUp(
      pod([
        { name: 'd', hostPath: { path: f.root, type: 'Directory' } },
        { name: 'f', hostPath: { path: join(f.root, 'f'), type: 'File' } },
        { name: 's', hostPath: { path: s, type: 'Socket' } },
        { name: 'c', hostPath: { path: '/dev/null', type: 'CharDevice' } },
        { name: 'any', hostPath: { path: join(f.root, 'missing') } },
      ]),
    );
    expect(r).toEqual({ ok: true });
  });

  it.each([
    ['Directory', 'missing', 'is not a directory'],
    ['Directory', 'file', 'is not a directory'],
    ['File', 'dir', 'is not a file'],
    ['Socket', 'file', 'is not a socket file'],
    ['CharDevice', 'file', 'is not a character device'],
    ['BlockDevice', 'file', 'is not a block device'],
    ['DirectoryOrCreate', 'file', 'is not a directory'],
    ['FileOrCreate', 'dir', 'is not a file'],
  ])('rejects type %s on a %s', async (type, what, text) => {
    await writeFile(join(f.root, 'file'), '');
    await mkdir(join(f.root, 'dir'));
    const path = join(f.root, what);
    const r = await f.manager().setUp(pod([{ name: 'h', hostPath: { path, type } }]));
    expect(r).toEqual({ ok: false, reason: 'FailedMount', message: `MountVolume.SetUp failed for volume "h" : hostPath type check failed: ${path} ${text}` });
  });

  it('rejects an unknown type', async () => {
    const r = await f.manager().setUp(pod([{ name: 'h', hostPath: { path: f.root, type: 'Weird' } }]));
    expect(r.ok === false && r.message).toMatch(/Weird is an invalid volume type$/);
  });
});

describe('persistentVolumeClaim', () => {
  const claim = (phase: string, volumeName?: string) => ({ metadata: { name: 'data', namespace: 'ns', uid: 'c1' }, spec: { volumeName }, status: { phase } });

  it('mounts the hostPath of the bound PersistentVolume', async () => {
    const pvPath = join(f.root, 'pv1');
    await mkdir(pvPath);
    f.objects.persistentVolumeClaims = [claim('Bound', 'pv1')];
    f.objects.persistentVolumes = [{ metadata: { name: 'pv1' }, spec: { hostPath: { path: pvPath }, claimRef: { namespace: 'ns', name: 'data', uid: 'c1' } } }];
    const vm = f.manager();
    const p = pod([{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }], [{ volumeMounts: [{ name: 'd', mountPath: '/data' }], terminationMessagePath: '' }]);
    expect(await vm.setUp(p)).toEqual({ ok: true });
    expect(vm.mountsFor(p, p.spec.containers[0])).toEqual([{ type: 'bind', containerPath: '/data', hostPath: pvPath, readOnly: false }]);
  });

  it('mounts a local PersistentVolume, read-only when the claim source says so', async () => {
    f.objects.persistentVolumeClaims = [claim('Bound', 'pv2')];
    f.objects.persistentVolumes = [{ metadata: { name: 'pv2' }, spec: { local: { path: f.root } } }];
    const vm = f.manager();
    const p = pod([{ name: 'd', persistentVolumeClaim: { claimName: 'data', readOnly: true } }], [{ volumeMounts: [{ name: 'd', mountPath: '/data' }], terminationMessagePath: '' }]);
    expect(await vm.setUp(p)).toEqual({ ok: true });
    expect(vm.mountsFor(p, p.spec.containers[0])[0]).toMatchObject({ hostPath: f.root, readOnly: true });
  });

  it.each([
    [[], [], 'persistentvolumeclaim "data" not found'],
    [[claim('Pending')], [], 'pod has unbound immediate PersistentVolumeClaims: PVC ns/data has non-bound phase ("Pending") or empty pvc.Spec.VolumeName ("")'],
    [[claim('Bound', 'gone')], [], 'persistentvolume "gone" not found'],
    [[claim('Bound', 'nfs')], [{ metadata: { name: 'nfs' }, spec: { nfs: {} } }], 'persistentvolume "nfs" has no hostPath or local source; this node mounts only those'],
  ] as [StaticObjects['persistentVolumeClaims'], StaticObjects['persistentVolumes'], string][])('fails: %#', async (pvcs, pvs, text) => {
    f.objects.persistentVolumeClaims = pvcs;
    f.objects.persistentVolumes = pvs;
    const r = await f.manager().setUp(pod([{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }]));
    expect(r).toEqual({ ok: false, reason: 'FailedMount', message: `MountVolume.SetUp failed for volume "d" : ${text}` });
  });

  it('fails a claim whose PersistentVolume is bound to another claim', async () => {
    f.objects.persistentVolumeClaims = [claim('Bound', 'pv3')];
    f.objects.persistentVolumes = [{ metadata: { name: 'pv3' }, spec: { hostPath: { path: f.root }, claimRef: { namespace: 'other', name: 'data' } } }];
    const r = await f.manager().setUp(pod([{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }]));
    expect(r.ok === false && r.message).toBe('MountVolume.SetUp failed for volume "d" : persistentvolume "pv3" is bound to claim other/data, not ns/data');
  });

  it('mounts a generic ephemeral volume through the claim <pod>-<volume> owned by the pod', async () => {
    const owned = (uid: string) => ({
      metadata: { name: 'p-scratch', namespace: 'ns', ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid, controller: true }] },
      spec: { volumeName: 'pv4' },
      status: { phase: 'Bound' },
    });
    f.objects.persistentVolumes = [{ metadata: { name: 'pv4' }, spec: { hostPath: { path: f.root } } }];
    const p = pod([{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: {} } } }]);
    f.objects.persistentVolumeClaims = [owned('uid-1')];
    expect(await f.manager().setUp(p)).toEqual({ ok: true });
    f.objects.persistentVolumeClaims = [owned('someone-else')];
    expect(await f.manager().setUp(p)).toEqual({
      ok: false,
      reason: 'FailedMount',
      message: 'MountVolume.SetUp failed for volume "scratch" : PVC ns/p-scratch was not created for pod ns/p (pod is not owner)',
    });
  });
});
