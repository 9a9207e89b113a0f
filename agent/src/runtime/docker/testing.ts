// Shared set-up for the tests that drive real podman: a service of our own in a temp dir, the busybox
// image, and a label unique to the test file so cleanup removes exactly what the file created.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { startPodmanService, type PodmanService } from '../podman';
import { ensureLocalImage, BUSYBOX_IMAGE } from '../images';
import type { ContainerSpec, SandboxSpec } from '../types';
import { DockerRuntime } from './runtime';

export const TEST_LABEL = 'dev.kubeflare.test';

export interface PodmanFixture {
  dir: string;
  service: PodmanService;
  runtime: DockerRuntime;
  /** This file's value of TEST_LABEL. */
  run: string;
  sandbox(overrides?: Partial<SandboxSpec>): SandboxSpec;
  container(sandboxId: string, overrides?: Partial<ContainerSpec>): ContainerSpec;
  cleanup(): Promise<void>;
}

export async function startPodmanFixture(): Promise<PodmanFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'kf-rt-'));
  const service = await startPodmanService({ dir });
  const runtime = new DockerRuntime({ socketPath: service.socketPath, nodeName: 'test-node' });
  await ensureLocalImage(runtime.docker, { kind: 'busybox' });
  const run = randomBytes(6).toString('hex');
  let n = 0;
  return {
    dir,
    service,
    runtime,
    run,
    sandbox: (o = {}) => {
      const i = ++n;
      return {
        podUid: `uid-${run}-${i}`,
        podName: `pod-${i}`,
        podNamespace: 'test',
        hostname: `pod-${i}`,
        hostNetwork: false,
        portMappings: [],
        ...o,
        labels: { [TEST_LABEL]: run, ...o.labels },
      };
    },
    container: (sandboxId, o = {}) => ({
      sandboxId,
      name: 'main',
      image: BUSYBOX_IMAGE,
      env: [],
      mounts: [],
      ...o,
      labels: { [TEST_LABEL]: run, ...o.labels },
    }),
    async cleanup() {
      // Everything this file created carries its label; the service might be down after a failed test.
      try {
        const mine = await runtime.docker.listContainers({ all: true, filters: { label: [`${TEST_LABEL}=${run}`] } });
        // Containers first, then their sandboxes (a sandbox cannot go while containers use its namespaces).
        const sandboxFirst = (c: { Labels: Record<string, string> }) => (c.Labels['dev.kubeflare.container.kind'] === 'sandbox' ? 1 : 0);
        for (const c of mine.sort((a, b) => sandboxFirst(a) - sandboxFirst(b))) await runtime.removeContainer(c.Id);
      } finally {
        await service.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Reads a stream to its end as text. */
export async function text(stream: Readable): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += chunk.toString();
  return out;
}
