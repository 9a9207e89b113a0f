// Shared fixture of the volume tests: a temp root per test, a pod builder and a manager over an
// in-memory object source the test may change.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Pod } from '../../../../workers/kube/resources/core/pod';
import type { Container } from '../../../../workers/kube/resources/core/pod/container';
import { staticObjectSource, type StaticObjects } from '../objects';
import { VolumeManager, type Mounter, type VolumeManagerOptions } from './index';

export type Volume = NonNullable<Pod['spec']['volumes']>[number];
export const b64 = (s: string) => Buffer.from(s).toString('base64');
export const read = (p: string) => readFile(p, 'utf8');
export const mode = async (p: string) => (await stat(p)).mode & 0o777;

export function pod(volumes: Volume[], containers: Partial<Container>[] = []): Pod {
  return {
    metadata: { name: 'p', namespace: 'ns', uid: 'uid-1', labels: { app: 'web' } },
    spec: { containers: containers.map((c) => ({ name: 'app', ...c })) as Container[], volumes },
  } as Pod;
}

/** Registers per-test setup and returns live accessors. */
export function volumeFixture() {
  const f = {
    root: '',
    objects: {} as StaticObjects,
    manager(extra: Partial<VolumeManagerOptions> = {}) {
      return new VolumeManager({ rootDir: f.root, objects: staticObjectSource(f.objects), nodeName: 'n1', mounter: null, ...extra });
    },
    vdir: (plugin: string, name: string) => join(f.root, 'pods/uid-1/volumes', plugin, name),
  };
  beforeEach(async () => {
    f.root = await mkdtemp(join(tmpdir(), 'vm-'));
    f.objects = {
      configMaps: [{ metadata: { name: 'cfg', namespace: 'ns' }, data: { 'app.conf': 'x=1', other: 'o' }, binaryData: { bin: b64('\x00\x01') } }],
      secrets: [{ metadata: { name: 'sec', namespace: 'ns' }, data: { password: b64('hunter2') } }],
    };
  });
  afterEach(async () => {
    await rm(f.root, { recursive: true, force: true });
  });
  return f;
}

/** A Mounter that records calls and keeps its mount table in memory; `fail` makes mounting throw. */
export function fakeMounter(opts: { fail?: string } = {}) {
  const mounted = new Set<string>();
  const calls: string[] = [];
  const mounter: Mounter = {
    mountTmpfs: async (d, size) => {
      calls.push(`mount ${d} ${size}`);
      if (opts.fail) throw new Error(opts.fail);
      mounted.add(d);
    },
    unmount: async (d) => {
      mounted.delete(d);
      calls.push(`umount ${d}`);
    },
    mountsUnder: async (d) => [...mounted].filter((m) => m === d || m.startsWith(d + '/')),
  };
  return { mounter, calls, mounted };
}
