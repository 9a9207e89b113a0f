// ContainerSpec → the create body of a pod container that joins its sandbox's namespaces.
import type Docker from 'dockerode';
import { LABELS, type ContainerSpec } from '../types';
import { engineName } from './names';

/** Labels copied from the sandbox so a container alone says which pod it belongs to. */
const POD_LABELS = [LABELS.podUid, LABELS.podName, LABELS.podNamespace, LABELS.nodeName, LABELS.gracePeriod];

export interface ContainerDefaults {
  /** An init process as PID 1 (catatonit/tini) forwards SIGTERM, so stop does not wait out the timeout. */
  init: boolean;
  /** Namespace modes the engine supports for joining (UTS: podman only). */
  joinUts: boolean;
}

export function containerLabels(spec: ContainerSpec, sandboxLabels: Record<string, string>): Record<string, string> {
  const fromPod = Object.fromEntries(POD_LABELS.filter((k) => sandboxLabels[k] !== undefined).map((k) => [k, sandboxLabels[k]]));
  return {
    [LABELS.containerKind]: 'regular',
    [LABELS.attempt]: '0',
    ...fromPod,
    ...spec.labels,
    [LABELS.managed]: 'true',
    [LABELS.container]: spec.name,
  };
}

function binds(spec: ContainerSpec): string[] {
  return spec.mounts
    .filter((m) => m.type === 'bind')
    .map((m) => {
      if (!m.hostPath) throw new Error(`bind mount at ${m.containerPath} of container ${spec.name} has no hostPath`);
      return `${m.hostPath}:${m.containerPath}${m.readOnly ? ':ro' : ''}`;
    });
}

function tmpfs(spec: ContainerSpec): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of spec.mounts.filter((x) => x.type === 'tmpfs')) {
    out[m.containerPath] = [m.readOnly ? 'ro' : 'rw', ...(m.sizeBytes ? [`size=${m.sizeBytes}`] : [])].join(',');
  }
  return out;
}

export function containerCreateOptions(
  spec: ContainerSpec,
  sandboxLabels: Record<string, string>,
  defaults: ContainerDefaults,
): Docker.ContainerCreateOptions {
  const labels = containerLabels(spec, sandboxLabels);
  const joined = `container:${spec.sandboxId}`;
  const r = spec.resources ?? {};
  const s = spec.security ?? {};
  return {
    name: engineName(
      spec.name,
      labels[LABELS.podName] ?? 'pod',
      labels[LABELS.podNamespace] ?? 'default',
      labels[LABELS.podUid] ?? 'uid',
      labels[LABELS.attempt],
    ),
    Image: spec.image,
    Entrypoint: spec.command,
    Cmd: spec.args,
    WorkingDir: spec.workingDir,
    Env: spec.env.map((e) => `${e.name}=${e.value}`),
    Labels: labels,
    Tty: spec.tty ?? false,
    OpenStdin: spec.stdin ?? false,
    StdinOnce: spec.stdinOnce ?? false,
    AttachStdin: spec.stdin ?? false,
    User: s.user,
    HostConfig: {
      NetworkMode: joined,
      IpcMode: joined,
      UTSMode: defaults.joinUts ? joined : undefined,
      Init: defaults.init,
      Binds: binds(spec),
      Tmpfs: tmpfs(spec),
      Memory: r.memoryLimitBytes,
      // Without an equal swap limit the container may swap past its memory limit instead of being killed.
      MemorySwap: r.memoryLimitBytes,
      NanoCpus: r.nanoCpus,
      CpuShares: r.cpuShares,
      PidsLimit: r.pidsLimit,
      Privileged: s.privileged ?? false,
      ReadonlyRootfs: s.readOnlyRootfs ?? false,
      CapAdd: s.capAdd,
      CapDrop: s.capDrop,
      SecurityOpt: s.noNewPrivileges ? ['no-new-privileges'] : undefined,
      RestartPolicy: { Name: 'no' },
    },
  };
}
