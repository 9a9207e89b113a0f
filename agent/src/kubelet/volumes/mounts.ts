// The bind mounts of one container: each volumeMount (with subPath / subPathExpr resolved and kept
// inside its volume) plus the termination message file. Failures are container config errors
// upstream (the container is not created), so they throw a MountError the caller reports.
import { closeSync, mkdirSync, openSync, realpathSync, statSync, chmodSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import type { Container } from '../../../../workers/kube/resources/core/pod/container';
import type { Mount } from '../../runtime/types';
import { expand } from '../env/expand';

export class MountError extends Error {
  readonly reason = 'CreateContainerConfigError';
}

export interface VolumeTarget {
  hostPath: string;
  /** configMap, secret, downwardAPI and projected volumes (and read-only claims) are always read-only. */
  readOnly: boolean;
}

/** subPathExpr: $(VAR) from the container's env; a missing or empty variable fails, as upstream. */
export function expandSubPathExpr(expr: string, env: { name: string; value: string }[]): string {
  const vars = new Map(env.map((e) => [e.name, e.value]));
  const missing = new Set<string>();
  const out = expand(expr, (name) => {
    const v = vars.get(name);
    if (!v) missing.add(name);
    return v ?? '';
  });
  if (missing.size) throw new MountError(`missing value for ${[...missing].sort().join(', ')}`);
  return out;
}

/** The host path for a subPath of a volume; creates it as a directory when missing, as the kubelet does. */
export function subPathHostPath(base: string, subPath: string): string {
  if (subPath.startsWith('/')) throw new MountError(`error SubPath \`${subPath}\` must not be an absolute path`);
  if (subPath.split('/').includes('..')) throw new MountError(`unable to provision SubPath \`${subPath}\`: must not contain '..'`);
  const target = join(base, subPath);
  let exists = true;
  try {
    statSync(target);
  } catch {
    exists = false;
  }
  if (!exists) {
    const mode = statSync(base).mode & 0o7777;
    mkdirSync(target, { recursive: true, mode });
  }
  // Symlinks inside the volume must not lead out of it (the subPath escape class of bugs).
  const realBase = realpathSync(base);
  const real = realpathSync(target);
  if (real !== realBase && !real.startsWith(realBase + sep)) throw new MountError(`subpath "${real}" not within volume path "${realBase}"`);
  return real;
}

export function volumeMountsFor(
  container: Pick<Container, 'name' | 'volumeMounts'>,
  volumes: (name: string) => VolumeTarget | undefined,
  env: { name: string; value: string }[] = [],
): Mount[] {
  const out: Mount[] = [];
  for (const vm of container.volumeMounts ?? []) {
    const vol = volumes(vm.name);
    if (!vol) throw new MountError(`cannot find volume "${vm.name}" to mount into container "${container.name}"`);
    let subPath = vm.subPath ?? '';
    if (vm.subPathExpr) subPath = expandSubPathExpr(vm.subPathExpr, env);
    const hostPath = subPath ? subPathHostPath(vol.hostPath, subPath) : vol.hostPath;
    out.push({ type: 'bind', containerPath: vm.mountPath, hostPath, readOnly: Boolean(vm.readOnly) || vol.readOnly });
  }
  return out;
}

/** Creates (or empties, for a new container instance) the host file behind terminationMessagePath. */
export function prepareTerminationFile(hostFile: string): void {
  mkdirSync(dirname(hostFile), { recursive: true, mode: 0o755 });
  closeSync(openSync(hostFile, 'w'));
  // Any user in the container may write its termination message.
  chmodSync(hostFile, 0o666);
}
