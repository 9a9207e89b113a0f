// SandboxSpec → the create body of the infra container that owns the pod's namespaces.
import type Docker from 'dockerode';
import { LABELS, type SandboxSpec } from '../types';
import { engineName } from './names';

export interface SandboxDefaults {
  image: string;
  nodeName?: string;
}

export function sandboxLabels(spec: SandboxSpec, nodeName?: string): Record<string, string> {
  return {
    ...spec.labels,
    [LABELS.managed]: 'true',
    [LABELS.podUid]: spec.podUid,
    [LABELS.podName]: spec.podName,
    [LABELS.podNamespace]: spec.podNamespace,
    [LABELS.container]: 'sandbox',
    [LABELS.containerKind]: 'sandbox',
    ...(nodeName ? { [LABELS.nodeName]: nodeName } : {}),
  };
}

export function sandboxCreateOptions(spec: SandboxSpec, defaults: SandboxDefaults): Docker.ContainerCreateOptions {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostPort: string; HostIp?: string }[]> = {};
  for (const p of spec.portMappings) {
    const key = `${p.containerPort}/${p.protocol.toLowerCase()}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostPort: String(p.hostPort), ...(p.hostIP ? { HostIp: p.hostIP } : {}) });
  }
  const attempt = spec.labels[LABELS.attempt] ?? '0';
  return {
    name: engineName('POD', spec.podName, spec.podNamespace, spec.podUid, attempt),
    Image: defaults.image,
    // A hostNetwork pod also uses the node's hostname, as upstream does.
    Hostname: spec.hostNetwork ? undefined : spec.hostname,
    Labels: sandboxLabels(spec, defaults.nodeName),
    ExposedPorts: spec.hostNetwork ? undefined : exposed,
    HostConfig: {
      NetworkMode: spec.hostNetwork ? 'host' : spec.network,
      UTSMode: spec.hostNetwork ? 'host' : undefined,
      // Docker only lets other containers join an IPC namespace marked shareable; podman accepts it too.
      IpcMode: 'shareable',
      PortBindings: spec.hostNetwork ? undefined : bindings,
      Dns: spec.dns?.servers,
      DnsSearch: spec.dns?.searches,
      DnsOptions: spec.dns?.options,
      ExtraHosts: (spec.hostAliases ?? []).flatMap((a) => a.hostnames.map((h) => `${h}:${a.ip}`)),
      RestartPolicy: { Name: 'no' },
    },
  };
}
