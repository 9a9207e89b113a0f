// Baseline checks on host access: namespaces, host ports, and probe or lifecycle hosts (v1.34+).
import type { Check, CheckFn } from '../types';
import { allContainers, containersPhrase, joinQuote, pluralize, sortedSet } from '../format';

const hostNamespaces: CheckFn = (_meta, spec) => {
  const shared: string[] = [];
  if (spec.hostNetwork) shared.push('hostNetwork=true');
  if (spec.hostPID) shared.push('hostPID=true');
  if (spec.hostIPC) shared.push('hostIPC=true');
  return shared.length ? { reason: 'host namespaces', detail: shared.join(', ') } : undefined;
};

const hostPorts: CheckFn = (_meta, spec) => {
  const bad: string[] = [];
  const ports: string[] = [];
  for (const c of allContainers(spec)) {
    const used = (c.ports ?? []).filter((p) => (p.hostPort ?? 0) !== 0).map((p) => String(p.hostPort));
    if (used.length) {
      bad.push(c.name);
      ports.push(...used);
    }
  }
  if (!bad.length) return undefined;
  // Ports are listed as strings in string order ("443" before "80"), like upstream.
  const list = sortedSet(ports);
  return {
    reason: 'hostPort',
    detail: `${containersPhrase(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', list.length)} ${list.join(', ')}`,
  };
};

interface HostAction {
  httpGet?: { host?: string };
  tcpSocket?: { host?: string };
}
const hostsOf = (a: HostAction | undefined) => [a?.httpGet?.host, a?.tcpSocket?.host].filter((h): h is string => !!h);

const hostProbesAndLifecycle: CheckFn = (_meta, spec) => {
  const bad: string[] = [];
  const hosts: string[] = [];
  for (const c of allContainers(spec)) {
    const found = [c.livenessProbe, c.readinessProbe, c.startupProbe, c.lifecycle?.postStart, c.lifecycle?.preStop].flatMap((a) =>
      hostsOf(a as HostAction | undefined),
    );
    if (found.length) {
      bad.push(c.name);
      hosts.push(...found);
    }
  }
  if (!bad.length) return undefined;
  const names = sortedSet(bad);
  const list = sortedSet(hosts);
  return {
    reason: 'probe or lifecycle host',
    detail: `${containersPhrase(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', list.length)} ${joinQuote(list)}`,
  };
};

export const hostChecks: Check[] = [
  { id: 'hostNamespaces', level: 'baseline', versions: [{ since: 0, fn: hostNamespaces }] },
  { id: 'hostPorts', level: 'baseline', versions: [{ since: 0, fn: hostPorts }] },
  { id: 'hostProbesAndHostLifecycle', level: 'baseline', versions: [{ since: 34, fn: hostProbesAndLifecycle }] },
];
