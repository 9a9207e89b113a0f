import { readFile, readlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../workers/kube/resources/core/pod';
import { b64, fakeMounter, mode, pod, read, volumeFixture, type Volume } from './test-helpers';

const f = volumeFixture();

describe('VolumeManager.setUp', () => {
  it('creates an emptyDir writable by everyone', async () => {
    const r = await f.manager().setUp(pod([{ name: 'scratch', emptyDir: {} }]));
    expect(r).toEqual({ ok: true });
    expect(await mode(f.vdir('kubernetes.io~empty-dir', 'scratch'))).toBe(0o777);
  });

  it('mounts a tmpfs on the host dir for medium Memory with the size limit, and unmounts it on tearDown', async () => {
    const { mounter, calls } = fakeMounter();
    const vm = f.manager({ mounter });
    const p = pod([{ name: 'mem', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } }]);
    expect(await vm.setUp(p)).toEqual({ ok: true });
    expect(await vm.setUp(p)).toEqual({ ok: true }); // mounted once only
    const d = f.vdir('kubernetes.io~empty-dir', 'mem');
    await vm.tearDown('uid-1');
    expect(calls).toEqual([`mount ${d} 67108864`, `umount ${d}`]);
    await expect(stat(join(f.root, 'pods/uid-1'))).rejects.toThrow();
  });

  it('falls back to a plain directory when tmpfs cannot be mounted, warning once', async () => {
    const { mounter, calls } = fakeMounter({ fail: 'permission denied' });
    const vm = f.manager({ mounter });
    const p = pod([{ name: 'mem', emptyDir: { medium: 'Memory' } }]);
    const first = await vm.setUp(p);
    expect(first.ok && first.warnings).toEqual(['emptyDir "mem" medium Memory: tmpfs mount failed (permission denied), using a plain directory on disk']);
    expect(await vm.setUp(p)).toEqual({ ok: true });
    expect(calls.length).toBe(1); // not retried
  });

  it('keeps Secret and projected volumes on tmpfs when it can mount', async () => {
    const { mounter, mounted } = fakeMounter();
    const vm = f.manager({ mounter });
    const p = pod([
      { name: 's', secret: { secretName: 'sec' } },
      { name: 'c', configMap: { name: 'cfg' } },
      { name: 'pr', projected: { sources: [{ secret: { name: 'sec' } }] } },
    ]);
    expect(await vm.setUp(p)).toEqual({ ok: true });
    expect([...mounted].sort()).toEqual([f.vdir('kubernetes.io~projected', 'pr'), f.vdir('kubernetes.io~secret', 's')]);
    await vm.tearDown('uid-1');
    expect(mounted.size).toBe(0);
  });

  it('falls back to a plain directory for medium Memory without a mounter, and says so', async () => {
    const r = await f.manager().setUp(pod([{ name: 'mem', emptyDir: { medium: 'Memory' } }]));
    expect(r.ok && r.warnings?.[0]).toMatch(/medium Memory: not root, using a plain directory/);
    expect((await stat(f.vdir('kubernetes.io~empty-dir', 'mem'))).isDirectory()).toBe(true);
  });

  it('projects all keys of a ConfigMap (data and binaryData) with the default mode 0644', async () => {
    const r = await f.manager().setUp(pod([{ name: 'c', configMap: { name: 'cfg' } }]));
    expect(r.ok).toBe(true);
    const d = f.vdir('kubernetes.io~configmap', 'c');
    expect(await read(join(d, 'app.conf'))).toBe('x=1');
    expect(await readFile(join(d, 'bin'))).toEqual(Buffer.from([0, 1]));
    expect(await mode(join(d, 'other'))).toBe(0o644);
    expect(await readlink(join(d, 'app.conf'))).toBe('..data/app.conf');
  });

  it('projects listed items to their paths with item mode over defaultMode', async () => {
    const v: Volume = { name: 'c', configMap: { name: 'cfg', defaultMode: 0o440, items: [{ key: 'app.conf', path: 'etc/app.conf', mode: 0o400 }, { key: 'other', path: 'o' }] } };
    expect((await f.manager().setUp(pod([v]))).ok).toBe(true);
    const d = f.vdir('kubernetes.io~configmap', 'c');
    expect(await read(join(d, 'etc/app.conf'))).toBe('x=1');
    expect(await mode(join(d, 'etc/app.conf'))).toBe(0o400);
    expect(await mode(join(d, 'o'))).toBe(0o440);
    await expect(stat(join(d, 'app.conf'))).rejects.toThrow();
  });

  it('decodes Secret data into files', async () => {
    expect((await f.manager().setUp(pod([{ name: 's', secret: { secretName: 'sec', defaultMode: 0o600 } }]))).ok).toBe(true);
    const file = join(f.vdir('kubernetes.io~secret', 's'), 'password');
    expect(await read(file)).toBe('hunter2');
    expect(await mode(file)).toBe(0o600);
  });

  it.each([
    [{ name: 'c', configMap: { name: 'nope' } }, 'MountVolume.SetUp failed for volume "c" : configmap "nope" not found'],
    [{ name: 's', secret: { secretName: 'nope' } }, 'MountVolume.SetUp failed for volume "s" : secret "nope" not found'],
    [{ name: 'c', configMap: { name: 'cfg', items: [{ key: 'k', path: 'k' }] } }, 'MountVolume.SetUp failed for volume "c" : configmap references non-existent config key: k'],
    [{ name: 's', secret: { secretName: 'sec', items: [{ key: 'k', path: 'k' }] } }, 'MountVolume.SetUp failed for volume "s" : references non-existent secret key: k'],
    [{ name: 'n', nfs: { server: 'x', path: '/' } }, 'MountVolume.SetUp failed for volume "n" : volume type nfs is not supported on this node'],
  ] as [Volume, string][])('fails with FailedMount: %j', async (v, message) => {
    expect(await f.manager().setUp(pod([v]))).toEqual({ ok: false, reason: 'FailedMount', message });
  });

  it('mounts an empty volume for a missing optional ConfigMap and skips missing optional keys', async () => {
    const r = await f.manager().setUp(
      pod([
        { name: 'a', configMap: { name: 'nope', optional: true } },
        { name: 'b', secret: { secretName: 'sec', optional: true, items: [{ key: 'nokey', path: 'x' }, { key: 'password', path: 'p' }] } },
      ]),
    );
    expect(r.ok).toBe(true);
    expect((await stat(f.vdir('kubernetes.io~configmap', 'a'))).isDirectory()).toBe(true);
    expect(await read(join(f.vdir('kubernetes.io~secret', 'b'), 'p'))).toBe('hunter2');
    await expect(stat(join(f.vdir('kubernetes.io~secret', 'b'), 'x'))).rejects.toThrow();
  });

  it('refreshes a ConfigMap in place on a later setUp, only when it changed', async () => {
    const vm = f.manager();
    const p = pod([{ name: 'c', configMap: { name: 'cfg' } }]);
    await vm.setUp(p);
    const d = f.vdir('kubernetes.io~configmap', 'c');
    const first = await readlink(join(d, '..data'));
    await vm.setUp(p);
    expect(await readlink(join(d, '..data'))).toBe(first);
    f.objects.configMaps![0] = { metadata: { name: 'cfg', namespace: 'ns' }, data: { 'app.conf': 'x=2' } };
    await vm.setUp(p);
    expect(await readlink(join(d, '..data'))).not.toBe(first);
    expect(await read(join(d, 'app.conf'))).toBe('x=2');
    await expect(stat(join(d, 'other'))).rejects.toThrow();
  });

  it('writes downwardAPI fields and resources', async () => {
    const v: Volume = {
      name: 'info',
      downwardAPI: {
        items: [
          { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
          { path: 'name', fieldRef: { fieldPath: 'metadata.name' }, mode: 0o400 },
          { path: 'mem', resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' } },
        ],
      },
    };
    const p = pod([v], [{ resources: { limits: { memory: '32Mi' } } }]);
    expect((await f.manager().setUp(p)).ok).toBe(true);
    const d = f.vdir('kubernetes.io~downward-api', 'info');
    expect(await read(join(d, 'labels'))).toBe('app="web"');
    expect(await read(join(d, 'name'))).toBe('p');
    expect(await mode(join(d, 'name'))).toBe(0o400);
    expect(await read(join(d, 'mem'))).toBe('32');
  });

  it('builds the service account projected volume (token, ca.crt, namespace) and caches the token', async () => {
    f.objects.configMaps!.push({ metadata: { name: 'kube-root-ca.crt', namespace: 'ns' }, data: { 'ca.crt': 'CERT' } });
    const issued: string[] = [];
    let clock = 0;
    const tokenFor = async (_p: Pod, audience: string, exp: number) => {
      issued.push(`${audience}/${exp}`);
      return `tok-${issued.length}`;
    };
    const vm = f.manager({ tokenFor, now: () => clock });
    const p = pod([
      {
        name: 'kube-api-access-x',
        projected: {
          defaultMode: 0o644,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      },
    ]);
    expect(await vm.setUp(p)).toEqual({ ok: true });
    const d = f.vdir('kubernetes.io~projected', 'kube-api-access-x');
    expect([await read(join(d, 'token')), await read(join(d, 'ca.crt')), await read(join(d, 'namespace'))]).toEqual(['tok-1', 'CERT', 'ns']);
    await vm.setUp(p);
    expect(issued).toEqual(['/3607']);
    clock = 3607 * 810; // past 80% of the lifetime
    await vm.setUp(p);
    expect(await read(join(d, 'token'))).toBe('tok-2');
  });

  it('fails a serviceAccountToken projection clearly without a token source', async () => {
    const r = await f.manager().setUp(pod([{ name: 't', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }]));
    expect(r.ok === false && r.message).toMatch(/cannot project serviceAccountToken "token": this agent has no token source/);
  });
});
