// The kubelet's volume manager for one node: sets up every volume of a pod on the host before its
// containers start (and refreshes ConfigMap/Secret/downward/projected contents when called again),
// hands out each container's bind mounts, and removes it all when the pod is gone.
import { chmod, mkdir, rm, open } from 'node:fs/promises';
import type { Pod } from '../../../../workers/kube/resources/core/pod';
import type { Container } from '../../../../workers/kube/resources/core/pod/container';
import { parseQuantity, quantityValue } from '../../../../workers/kube/quantity';
import type { Mount } from '../../runtime/types';
import type { ObjectSource } from '../objects';
import { writeAtomic, type Payload } from './atomic-writer';
import { claimHostPath } from './claim';
import { checkHostPath } from './host-path';
import { defaultMounter, type Mounter } from './mounter';
import { prepareTerminationFile, volumeMountsFor, type VolumeTarget } from './mounts';
import { podDir, terminationLogPath, volumeDir, type DirPlugin } from './paths';
import { configMapPayload, DEFAULT_MODE, downwardPayload, projectedPayload, secretPayload, type PayloadContext, type Projection, type TokenSource } from './payload';

export interface VolumeManagerOptions {
  rootDir: string;
  objects: ObjectSource;
  nodeName: string;
  /** Issues a service account token for projected volumes; without it such volumes fail to mount. */
  tokenFor?: TokenSource;
  /** Node allocatable, for resourceFieldRef files of containers without limits. */
  allocatable?: Record<string, string>;
  /** tmpfs mounting for emptyDir medium Memory; default: the host's mount(8) when root, else none. */
  mounter?: Mounter | null;
  /** Clock for the token cache (ms). */
  now?: () => number;
}

export type SetUpResult = { ok: true; warnings?: string[] } | { ok: false; reason: 'FailedMount'; message: string };

type Volume = Pod['spec'] extends { volumes?: (infer V)[] } ? V : never;

const MAX_TERMINATION_MESSAGE = 4096;
const DIR_PLUGINS: DirPlugin[] = ['emptyDir', 'configMap', 'secret', 'downwardAPI', 'projected'];
const API_DATA: DirPlugin[] = ['configMap', 'secret', 'downwardAPI', 'projected'];

export class VolumeManager {
  private readonly mounter: Mounter | null;
  /** podUid → volume name → where it is on the host. */
  private readonly targets = new Map<string, Map<string, VolumeTarget>>();
  private readonly tokens = new Map<string, { token: string; at: number }>();
  private tmpfsError: string | undefined;

  constructor(private readonly opts: VolumeManagerOptions) {
    this.mounter = opts.mounter === undefined ? defaultMounter() : opts.mounter;
  }

  /** Idempotent: call before creating containers and periodically to refresh API-backed contents. */
  async setUp(pod: Pod): Promise<SetUpResult> {
    const uid = pod.metadata.uid ?? '';
    const warnings: string[] = [];
    const targets = this.targets.get(uid) ?? new Map<string, VolumeTarget>();
    this.targets.set(uid, targets);
    // Volumes are independent: set up together (each one is mostly API round trips), failures in spec order.
    const results = await Promise.all(
      (pod.spec.volumes ?? []).map((v) =>
        this.setUpVolume(pod, v, warnings).then(
          (target) => {
            targets.set(v.name, target);
            return undefined;
          },
          (e: unknown) => `MountVolume.SetUp failed for volume "${v.name}" : ${(e as Error).message}`,
        ),
      ),
    );
    const failures = results.filter((f): f is string => f !== undefined);
    if (failures.length) return { ok: false, reason: 'FailedMount', message: failures.join('; ') };
    return warnings.length ? { ok: true, warnings } : { ok: true };
  }

  /**
   * The container's mounts. Call right before creating each container instance: it also empties the
   * termination message file. Throws a MountError (CreateContainerConfigError) on a bad subPath.
   */
  mountsFor(pod: Pod, container: Container, env: { name: string; value: string }[] = []): Mount[] {
    const uid = pod.metadata.uid ?? '';
    const known = this.targets.get(uid);
    const specs = new Map((pod.spec.volumes ?? []).map((v) => [v.name, v]));
    const lookup = (name: string): VolumeTarget | undefined => {
      const v = specs.get(name);
      if (!v) return undefined;
      return known?.get(name) ?? this.predictedTarget(uid, v);
    };
    const mounts = volumeMountsFor(container, lookup, env);
    const path = container.terminationMessagePath ?? '/dev/termination-log';
    if (path) {
      const hostFile = terminationLogPath(this.opts.rootDir, uid, container.name);
      prepareTerminationFile(hostFile);
      mounts.push({ type: 'bind', containerPath: path, hostPath: hostFile, readOnly: false });
    }
    return mounts;
  }

  /** What the container wrote to its termination message file (at most 4 KiB), or "" when none. */
  async readTerminationMessage(podUid: string, containerName: string): Promise<string> {
    return readTerminationMessage(this.opts.rootDir, podUid, containerName);
  }

  /** Unmounts what this manager mounted under the pod's directory and removes the directory. */
  async tearDown(podUid: string): Promise<void> {
    const dir = podDir(this.opts.rootDir, podUid);
    if (this.mounter) {
      // Deepest first, so nested mounts come off before their parents.
      const mounts = (await this.mounter.mountsUnder(dir)).sort((a, b) => b.length - a.length);
      for (const m of mounts) await this.mounter.unmount(m);
    }
    await rm(dir, { recursive: true, force: true });
    this.targets.delete(podUid);
    for (const k of this.tokens.keys()) if (k.startsWith(`${podUid}\0`)) this.tokens.delete(k);
  }

  private dir(uid: string, plugin: DirPlugin, name: string) {
    return volumeDir(this.opts.rootDir, uid, plugin, name);
  }

  /** Where a directory-backed volume lives even before setUp ran (e.g. after an agent restart). */
  private predictedTarget(uid: string, v: Volume): VolumeTarget | undefined {
    if (v.hostPath) return { hostPath: v.hostPath.path, readOnly: false };
    const plugin = DIR_PLUGINS.find((p) => v[p] !== undefined);
    return plugin ? { hostPath: this.dir(uid, plugin, v.name), readOnly: API_DATA.includes(plugin) } : undefined;
  }

  private async setUpVolume(pod: Pod, v: Volume, warnings: string[]): Promise<VolumeTarget> {
    const uid = pod.metadata.uid ?? '';
    const ns = pod.metadata.namespace ?? 'default';
    if (v.hostPath) {
      await checkHostPath(v.hostPath.path, v.hostPath.type);
      return { hostPath: v.hostPath.path, readOnly: false };
    }
    if (v.persistentVolumeClaim) {
      const hostPath = await claimHostPath(this.opts.objects, ns, v.persistentVolumeClaim.claimName);
      return { hostPath, readOnly: Boolean(v.persistentVolumeClaim.readOnly) };
    }
    if (v.ephemeral) {
      // A generic ephemeral volume is a claim named <pod>-<volume>, created for the pod by a controller.
      const name = pod.metadata.name ?? '';
      const hostPath = await claimHostPath(this.opts.objects, ns, `${name}-${v.name}`, { name, uid });
      return { hostPath, readOnly: false };
    }
    if (v.emptyDir) {
      const dir = this.dir(uid, 'emptyDir', v.name);
      await this.setUpEmptyDir(dir, v.emptyDir, v.name, warnings);
      return { hostPath: dir, readOnly: false };
    }
    const ctx: PayloadContext = { pod, objects: this.opts.objects, allocatable: this.opts.allocatable, token: this.opts.tokenFor && this.cachedToken };
    let payload: Payload;
    let plugin: DirPlugin;
    if (v.configMap) {
      plugin = 'configMap';
      payload = await configMapPayload(ctx, v.configMap, v.configMap.defaultMode ?? DEFAULT_MODE);
    } else if (v.secret) {
      plugin = 'secret';
      const s = v.secret;
      payload = await secretPayload(ctx, { name: s.secretName, items: s.items, optional: s.optional }, s.defaultMode ?? DEFAULT_MODE);
    } else if (v.downwardAPI) {
      plugin = 'downwardAPI';
      payload = downwardPayload(ctx, v.downwardAPI.items, v.downwardAPI.defaultMode ?? DEFAULT_MODE);
    } else if (v.projected) {
      plugin = 'projected';
      payload = await projectedPayload(ctx, v.projected.sources as Projection[] | undefined, v.projected.defaultMode ?? DEFAULT_MODE);
    } else {
      const kind = Object.keys(v).find((k) => k !== 'name' && (v as Record<string, unknown>)[k] !== undefined) ?? 'unknown';
      throw new Error(`volume type ${kind} is not supported on this node`);
    }
    const dir = this.dir(uid, plugin, v.name);
    // Secrets (and projected tokens) stay off the disk where tmpfs is possible, as upstream.
    if (plugin === 'secret' || plugin === 'projected') {
      await mkdir(dir, { recursive: true });
      await this.ensureTmpfs(dir, undefined);
    }
    await writeAtomic(dir, payload);
    return { hostPath: dir, readOnly: true };
  }

  private async setUpEmptyDir(dir: string, src: { medium?: string; sizeLimit?: unknown }, name: string, warnings: string[]) {
    const created = (await mkdir(dir, { recursive: true })) !== undefined;
    if (src.medium === 'Memory') {
      const size = src.sizeLimit === undefined ? undefined : Number(quantityValue(parseQuantity(src.sizeLimit as string | number)));
      const problem = await this.ensureTmpfs(dir, size);
      // Said once, when the volume is first made, not on every refresh.
      if (problem && created) warnings.push(`emptyDir "${name}" medium Memory: ${problem}, using a plain directory on disk`);
    }
    // Any user in any container of the pod may write it, as upstream (0777 regardless of umask).
    await chmod(dir, 0o777);
  }

  /** Mounts a tmpfs on `dir` unless one is there; returns why not when it cannot. */
  private async ensureTmpfs(dir: string, sizeBytes: number | undefined): Promise<string | undefined> {
    if (!this.mounter) return 'not root';
    if (this.tmpfsError) return this.tmpfsError;
    if ((await this.mounter.mountsUnder(dir)).includes(dir)) return undefined;
    try {
      await this.mounter.mountTmpfs(dir, sizeBytes);
      return undefined;
    } catch (e) {
      // Not permitted here (e.g. an unprivileged container): stop trying for the agent's lifetime.
      this.tmpfsError = `tmpfs mount failed (${(e as Error).message.trim()})`;
      return this.tmpfsError;
    }
  }

  /** Tokens are reused until 80% of their lifetime has passed, as the kubelet's token manager does. */
  private readonly cachedToken: TokenSource = async (pod, audience, expirationSeconds) => {
    const key = `${pod.metadata.uid ?? ''}\0${audience}\0${expirationSeconds}`;
    const now = (this.opts.now ?? Date.now)();
    const hit = this.tokens.get(key);
    if (hit && now - hit.at < expirationSeconds * 800) return hit.token;
    const token = await this.opts.tokenFor!(pod, audience, expirationSeconds);
    this.tokens.set(key, { token, at: now });
    return token;
  };
}

export async function readTerminationMessage(rootDir: string, podUid: string, containerName: string): Promise<string> {
  const fh = await open(terminationLogPath(rootDir, podUid, containerName), 'r').catch(() => null);
  if (!fh) return '';
  try {
    const buf = Buffer.alloc(MAX_TERMINATION_MESSAGE);
    const { bytesRead } = await fh.read(buf, 0, MAX_TERMINATION_MESSAGE, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
}

