// ensureLocalImage against real podman: builds once, then finds the tag; the config carries Cmd and PATH.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPodmanService, type PodmanService } from '../podman';
import { ensureLocalImage, PAUSE_COMMAND } from './ensure';

// Real containers on a shared 2-core machine: allow for load (no test asserts on time).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const run = randomBytes(6).toString('hex');
const busyboxTag = `localhost/kubeflare/test-busybox-${run}:v1`;
const pauseTag = `localhost/kubeflare/test-pause-${run}:v1`;
let dir: string;
let service: PodmanService;
let docker: Docker;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kf-img-'));
  service = await startPodmanService({ dir });
  docker = new Docker({ socketPath: service.socketPath });
}, 120_000);

afterAll(async () => {
  for (const tag of [busyboxTag, pauseTag]) await docker?.getImage(tag).remove({ force: true }).catch(() => undefined);
  await service?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('ensureLocalImage', () => {
  it('imports a busybox image under the tag once, then returns the same id', async () => {
    const [a, b] = await Promise.all([
      ensureLocalImage(service.socketPath, { kind: 'busybox', tag: busyboxTag }),
      ensureLocalImage(service.socketPath, { kind: 'busybox', tag: busyboxTag }),
    ]);
    expect(a).toBe(b);
    expect(await ensureLocalImage(docker, { kind: 'busybox', tag: busyboxTag })).toBe(a);
    const info = await docker.getImage(busyboxTag).inspect();
    expect(info.RepoTags).toContain(busyboxTag);
    expect(info.Config.Cmd).toEqual(['sh']);
    expect(info.Config.Env).toContain('PATH=/bin');
  });

  it('gives the pause image a command that sleeps until SIGTERM', async () => {
    await ensureLocalImage(docker, { kind: 'pause', tag: pauseTag });
    const info = await docker.getImage(pauseTag).inspect();
    expect(info.Config.Cmd).toEqual(PAUSE_COMMAND);
  });
});
