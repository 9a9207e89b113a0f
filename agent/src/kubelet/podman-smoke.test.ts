// The kubelet core against real podman (through DockerRuntime) and the in-memory API: a running pod
// with a volume, a crash-looping container, a graceful deletion, and adoption by a second kubelet.
// Skipped where podman is not installed. Everything it creates carries a node name of its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../test/eventually';
import { DockerRuntime } from '../runtime/docker';
import { startPodmanFixture, type PodmanFixture } from '../runtime/docker/testing';
import { BUSYBOX_IMAGE } from '../runtime/images/ensure';
import { LABELS } from '../runtime/types';
import { Kubelet } from './kubelet';
import { staticObjectSource } from './objects';
import { FakeApi } from './testing/fake-api';
import type { Pod } from './types';

const NODE = `smoke-${randomBytes(4).toString('hex')}`;

function pod(name: string, spec: Partial<Pod['spec']>): Pod {
  return {
    metadata: { name, namespace: 'default' },
    spec: { nodeName: NODE, restartPolicy: 'Always', terminationGracePeriodSeconds: 5, containers: [], ...spec },
  };
}

// npm test installs podman; without it this fails rather than skipping (a skipped test proves nothing).
describe('Kubelet on podman', () => {
  let fx: PodmanFixture;
  let runtime: DockerRuntime;
  let rootDir: string;
  const api = new FakeApi();
  const kubelets: Kubelet[] = [];
  const kubelet = () => {
    const k = new Kubelet({ api: api.client, runtime, nodeName: NODE, hostIP: '127.0.0.1', rootDir, relistMs: 1000, deps: { objects: staticObjectSource({}) } });
    kubelets.push(k);
    return k;
  };

  beforeAll(async () => {
    fx = await startPodmanFixture();
    runtime = new DockerRuntime({ socketPath: fx.service.socketPath, nodeName: NODE });
    rootDir = mkdtempSync(join(tmpdir(), 'kf-kubelet-'));
  }, 120_000);

  afterAll(async () => {
    for (const k of kubelets) await k.stop();
    const mine = { [LABELS.nodeName]: NODE };
    for (const c of await runtime.listContainers(mine)) await runtime.removeContainer(c.id);
    for (const s of await runtime.listSandboxes(mine)) await runtime.removeSandbox(s.id);
    await fx.cleanup();
    rmSync(rootDir, { recursive: true, force: true });
  }, 120_000);

  it('runs, restarts, deletes and re-adopts pods', async () => {
    const first = kubelet();
    const web = api.createPod(
      pod('web', {
        volumes: [{ name: 'data', emptyDir: {} }],
        containers: [{ name: 'app', image: BUSYBOX_IMAGE, imagePullPolicy: 'Never', command: ['sh', '-c', 'echo hi > /data/x && sleep 3600'], volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      }),
    );
    api.createPod(pod('crash', { containers: [{ name: 'app', image: BUSYBOX_IMAGE, imagePullPolicy: 'Never', command: ['sh', '-c', 'echo bye > /dev/termination-log; exit 3'] }] }));
    await first.start();

    const running = await eventually(async () => (api.pod('web')?.status?.phase === 'Running' ? api.pod('web') : undefined), 60_000, 'web Running');
    const app = running!.status!.containerStatuses![0];
    expect(app).toMatchObject({ ready: true, restartCount: 0 });
    expect(app.containerID).toMatch(/^(podman|docker):\/\//);
    expect(running!.status!.podIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

    const crash = await eventually(async () => {
      const c = api.pod('crash')?.status?.containerStatuses?.[0];
      return c?.state.waiting?.reason === 'CrashLoopBackOff' ? c : undefined;
    }, 60_000, 'crash in CrashLoopBackOff');
    expect(crash.lastState.terminated).toMatchObject({ exitCode: 3, reason: 'Error', message: 'bye\n' });

    // A second kubelet after the first one is gone keeps the running container.
    await first.stop();
    const second = kubelet();
    await second.start();
    await eventually(async () => (second.containerId('default', 'web').ok ? true : undefined), 30_000, 'web located');
    expect(second.containerId('default', 'web')).toEqual({ ok: true, value: app.containerID!.replace(/^[^:]+:\/\//, '') });

    api.deleteGracefully('web', 5);
    await eventually(async () => (api.pod('web') ? undefined : true), 60_000, 'web deleted');
    expect(api.gone[0].status?.phase).toBe('Failed');
    const left = await runtime.listContainers({ [LABELS.podUid]: web.metadata.uid! });
    expect(left).toEqual([]);
  }, 180_000);
});
