// Inspect results → the contract's status shapes. Podman and Docker differ in a few state names.
import type Docker from 'dockerode';
import type { ContainerState, ContainerStatus, SandboxStatus } from '../types';

const ZERO_TIME = '0001-01-01T00:00:00Z';

function time(t: string | undefined): string | undefined {
  return !t || t.startsWith('0001-01-01') || t === ZERO_TIME ? undefined : t;
}

export function mapState(status: string | undefined): ContainerState {
  switch (status) {
    case 'running':
    case 'paused':
    case 'restarting':
      return 'running';
    case 'exited':
    case 'dead':
    case 'stopped':
      return 'exited';
    case 'created':
    case 'configured':
    case 'initialized':
      return 'created';
    default:
      return 'unknown';
  }
}

export function toContainerStatus(info: Docker.ContainerInspectInfo): ContainerStatus {
  const st = info.State;
  const state = mapState(st.Status);
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    state,
    image: info.Config.Image,
    imageId: info.Image,
    labels: info.Config.Labels ?? {},
    createdAt: info.Created,
    startedAt: time(st.StartedAt),
    finishedAt: state === 'exited' ? time(st.FinishedAt) : undefined,
    exitCode: state === 'exited' ? st.ExitCode : undefined,
    oomKilled: st.OOMKilled,
    error: st.Error || undefined,
    pid: st.Pid || undefined,
  };
}

/** The pod's addresses: the default bridge's and every attached network's, without duplicates. */
export function sandboxIps(info: Docker.ContainerInspectInfo): string[] {
  if (info.HostConfig.NetworkMode === 'host') return [];
  // The top-level IPAddress (default bridge) is in the API but missing from @types/dockerode.
  const ns = info.NetworkSettings as typeof info.NetworkSettings & { IPAddress?: string };
  const candidates = [ns.IPAddress, ...Object.values(ns.Networks ?? {}).flatMap((n) => [n.IPAddress, n.GlobalIPv6Address])];
  return [...new Set(candidates.filter((ip): ip is string => !!ip))];
}

export function toSandboxStatus(info: Docker.ContainerInspectInfo): SandboxStatus {
  return {
    id: info.Id,
    state: info.State.Running ? 'ready' : 'notready',
    ips: sandboxIps(info),
    labels: info.Config.Labels ?? {},
    createdAt: info.Created,
  };
}

/** `filters` for GET /containers/json: our managed label plus the caller's labels. */
export function labelFilter(managedLabel: string, labels: Record<string, string> = {}): { label: string[] } {
  return { label: [`${managedLabel}=true`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)] };
}
