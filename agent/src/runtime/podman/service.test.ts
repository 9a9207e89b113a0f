// The podman service helper and socket detection, against real podman.
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DockerRuntime } from '../docker';
import { ensureLocalImage, BUSYBOX_IMAGE } from '../images';
import { candidateSockets, detectRuntimeSocket, podmanAvailable } from './detect';
import { pingSocket } from './ping';
import { startPodmanService, type PodmanService } from './service';

// Real containers on a shared 2-core machine: allow for load (no test asserts on time).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const TEST_LABEL = 'dev.kubeflare.test';
const run = randomBytes(6).toString('hex');
let dir: string;
let service: PodmanService | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kf-podman-'));
  service = await startPodmanService({ dir });
}, 120_000);

afterAll(async () => {
  if (service) {
    const rt = new DockerRuntime({ socketPath: service.socketPath });
    const mine = await rt.docker.listContainers({ all: true, filters: { label: [`${TEST_LABEL}=${run}`] } });
    const kind = (c: { Labels: Record<string, string> }) => (c.Labels['dev.kubeflare.container.kind'] === 'sandbox' ? 1 : 0);
    for (const c of mine.sort((a, b) => kind(a) - kind(b))) await rt.removeContainer(c.Id);
    await service.stop();
  }
  rmSync(dir, { recursive: true, force: true });
}, 120_000);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startPodmanService', () => {
  it('serves the Docker API on a socket in the directory', async () => {
    expect(service!.socketPath).toBe(join(dir, 'podman.sock'));
    expect(await pingSocket(service!.socketPath)).toBe(true);
    expect(await podmanAvailable()).toBe(true);
  });

  it('runs the service in its directory, where conmon leaves its `oom` files (not in the caller’s)', () => {
    expect(realpathSync(`/proc/${service!.pid}/cwd`)).toBe(realpathSync(dir));
  });

  it('keeps containers running, with the same id, across a service restart', async () => {
    const rt = new DockerRuntime({ socketPath: service!.socketPath });
    await ensureLocalImage(rt.docker, { kind: 'busybox' });
    const labels = { [TEST_LABEL]: run };
    const sb = await rt.runSandbox({
      podUid: `uid-${run}`,
      podName: 'survivor',
      podNamespace: 'test',
      hostname: 'survivor',
      hostNetwork: false,
      portMappings: [],
      labels,
    });
    const id = await rt.createContainer({ sandboxId: sb.id, name: 'main', image: BUSYBOX_IMAGE, command: ['sleep', '3600'], env: [], mounts: [], labels });
    await rt.startContainer(id);
    const before = await rt.containerStatus(id);
    expect(before?.state).toBe('running');

    const oldPid = service!.pid;
    await service!.stop();
    expect(alive(oldPid)).toBe(false);
    expect(await pingSocket(join(dir, 'podman.sock'), 500)).toBe(false);
    service = await startPodmanService({ dir });
    expect(service.pid).not.toBe(oldPid);

    const after = await new DockerRuntime({ socketPath: service.socketPath }).containerStatus(id);
    expect(after?.id).toBe(id);
    expect(after?.state).toBe('running');
    expect(after?.pid).toBe(before?.pid);
    expect(after?.startedAt).toBe(before?.startedAt);
  });

  it('says why when podman cannot serve the socket, with its log', async () => {
    // A unix socket path longer than 108 bytes cannot be bound: podman exits at once.
    const bad = join(dir, 'x'.repeat(120));
    await expect(startPodmanService({ dir: bad, readyTimeoutMs: 20_000 })).rejects.toThrow(/exited before it answered on .*podman\.sock:\n.+/s);
  });
});

describe('detectRuntimeSocket', () => {
  it('orders DOCKER_HOST, CONTAINER_HOST, then the well-known sockets', () => {
    expect(candidateSockets({ DOCKER_HOST: 'unix:///a.sock', CONTAINER_HOST: 'unix:///b.sock' })).toEqual([
      '/a.sock',
      '/b.sock',
      '/run/podman/podman.sock',
      '/var/run/docker.sock',
    ]);
    expect(candidateSockets({ DOCKER_HOST: 'tcp://127.0.0.1:2375' })).toEqual(['/run/podman/podman.sock', '/var/run/docker.sock']);
  });

  it('returns the first socket that answers /_ping', async () => {
    const sock = service!.socketPath;
    expect(await detectRuntimeSocket({ DOCKER_HOST: `unix://${sock}` })).toBe(sock);
    expect(await detectRuntimeSocket({ DOCKER_HOST: `unix://${dir}/nothing.sock`, CONTAINER_HOST: `unix://${sock}` })).toBe(sock);
  });

  it('returns null when no candidate answers', async () => {
    const wellKnownAnswer = (await pingSocket('/run/podman/podman.sock')) || (await pingSocket('/var/run/docker.sock'));
    const found = await detectRuntimeSocket({ DOCKER_HOST: `unix://${dir}/nothing.sock` });
    expect(found === null).toBe(!wellKnownAnswer);
    expect(await pingSocket(`${dir}/nothing.sock`)).toBe(false);
  });
});
