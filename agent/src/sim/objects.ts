// The API objects a simulated kubelet writes: its Node and its Lease. Pure functions of the node's
// spec and the time, so they can be checked without a server.
import { createHash } from 'node:crypto';
import type { SimNodeSpec } from './nodes';
import { nodeIP, podCIDR } from './addresses';
import { leaseObject as nodeLeaseObject, type LeaseObject } from '../node/lease';
import { timeOf } from '../node/time';

export const SIMULATED_ANNOTATION = 'kubeflare.dev/simulated';
export const LEASE_NAMESPACE = 'kube-node-lease';
export const LEASE_DURATION_SECONDS = 40;
const KUBELET_VERSION = 'v1.32.4-sim';

export interface SimNode {
  spec: SimNodeSpec;
  index: number;
  ip: string;
  podCIDR: string;
}

export function simNode(spec: SimNodeSpec, index: number): SimNode {
  return { spec, index, ip: nodeIP(index), podCIDR: podCIDR(index) };
}

// The same time formats and Lease as a real node's (agent/src/node).
export { timeOf, microTimeOf } from '../node/time';
export type { LeaseObject } from '../node/lease';

function stableId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('/')).digest('hex');
}

export function nodeLabels(n: SimNode): Record<string, string> {
  const s = n.spec;
  return {
    ...s.labels,
    'kubernetes.io/hostname': s.name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'beta.kubernetes.io/arch': 'amd64',
    ...(s.zone ? { 'topology.kubernetes.io/zone': s.zone, 'topology.kubernetes.io/region': 'sim' } : {}),
    ...(s.instanceType ? { 'node.kubernetes.io/instance-type': s.instanceType } : {}),
  };
}

export function nodeStatus(n: SimNode, now: number) {
  const s = n.spec;
  const capacity = { cpu: s.cpu, memory: s.memory, pods: String(s.pods), 'ephemeral-storage': s.ephemeralStorage ?? '100Gi' };
  const t = timeOf(now);
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: t,
    lastTransitionTime: t,
    reason,
    message,
  });
  const id = stableId('node', s.name);
  return {
    capacity,
    allocatable: { ...capacity },
    conditions: [
      condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
      condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
      condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
      condition('Ready', 'True', 'KubeletReady', 'simulated kubelet is posting ready status'),
    ],
    addresses: [
      { type: 'InternalIP', address: n.ip },
      { type: 'Hostname', address: s.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: id.slice(0, 32),
      systemUUID: `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`,
      bootID: id.slice(32, 64),
      kernelVersion: '6.1.0-sim',
      osImage: 'Kubeflare simulated node',
      containerRuntimeVersion: 'sim://1.0.0',
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: KUBELET_VERSION,
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
  };
}

export function nodeObject(n: SimNode, now: number) {
  const s = n.spec;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: s.name,
      labels: nodeLabels(n),
      annotations: { [SIMULATED_ANNOTATION]: 'true', 'node.alpha.kubernetes.io/ttl': '0' },
    },
    spec: {
      podCIDR: n.podCIDR,
      podCIDRs: [n.podCIDR],
      providerID: `sim://${s.name}`,
      ...(s.taints?.length ? { taints: s.taints.map((t) => ({ ...t })) } : {}),
    },
    status: nodeStatus(n, now),
  };
}

/** The node's Lease, owned by its Node so that deleting the Node collects it. */
export function leaseObject(nodeName: string, nodeUid: string | undefined, now: number): LeaseObject {
  return nodeLeaseObject(nodeName, nodeUid, LEASE_DURATION_SECONDS, now);
}
