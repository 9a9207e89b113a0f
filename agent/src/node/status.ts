// The Node object as the kubelet writes it: labels, capacity/allocatable, addresses, nodeInfo, images and
// the four conditions. Pure functions of the host facts, the runtime's answers and the time.
import type { ImageInfo, RuntimeVersion } from '../runtime/types';
import type { HostFacts } from './host';
import { timeOf } from './time';

export const KUBELET_VERSION = 'v1.32.4-kubeflare';
export const MAX_PODS = 110;
/** node.status.images is capped like the kubelet's nodeStatusMaxImages. */
export const MAX_IMAGES = 50;
/** The kubelet's default hard eviction thresholds: memory.available<100Mi, nodefs.available<10%. */
export const EVICTION_MEMORY_BYTES = 100 * 1024 * 1024;
export const EVICTION_DISK_FRACTION = 0.1;
export const KUBELET_PORT = 10250;

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export interface NodeInputs {
  nodeName: string;
  facts: HostFacts;
  /** undefined when the runtime did not answer (the node is then NotReady). */
  runtime?: RuntimeVersion;
  images: ImageInfo[];
  labels?: Record<string, string>;
}

export interface NodeCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
}

export function nodeLabels(nodeName: string, facts: HostFacts, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...extra,
    'kubernetes.io/hostname': nodeName,
    'kubernetes.io/os': facts.operatingSystem,
    'kubernetes.io/arch': facts.architecture,
    'beta.kubernetes.io/os': facts.operatingSystem,
    'beta.kubernetes.io/arch': facts.architecture,
  };
}

const ki = (bytes: number) => `${Math.floor(bytes / 1024)}Ki`;

export function capacityOf(facts: HostFacts): Record<string, string> {
  return {
    cpu: String(facts.cpus),
    memory: ki(facts.memoryBytes),
    pods: String(MAX_PODS),
    ...(facts.disk ? { 'ephemeral-storage': ki(facts.disk.totalBytes) } : {}),
  };
}

/** Capacity minus the eviction thresholds (no kube-reserved/system-reserved by default, as upstream). */
export function allocatableOf(facts: HostFacts): Record<string, string> {
  return {
    ...capacityOf(facts),
    memory: ki(Math.max(0, facts.memoryBytes - EVICTION_MEMORY_BYTES)),
    ...(facts.disk ? { 'ephemeral-storage': ki(facts.disk.totalBytes * (1 - EVICTION_DISK_FRACTION)) } : {}),
  };
}

/** The largest images first (as the kubelet sorts them), names as digests then tags. */
export function nodeImages(images: ImageInfo[]): { names: string[]; sizeBytes: number }[] {
  return [...images]
    .sort((a, b) => b.sizeBytes - a.sizeBytes)
    .slice(0, MAX_IMAGES)
    .map((i) => ({ names: [...i.repoDigests, ...i.repoTags].filter((n) => n && !n.includes('<none>')), sizeBytes: i.sizeBytes }))
    .filter((i) => i.names.length > 0);
}

function cond(type: string, bad: boolean, good: [string, string], worse: [string, string]): NodeCondition {
  const [reason, message] = bad ? worse : good;
  return { type, status: bad ? 'True' : 'False', reason, message };
}

/** The conditions without their times, in the kubelet's order. */
export function desiredConditions(inputs: NodeInputs): NodeCondition[] {
  const { facts } = inputs;
  const memory = facts.memoryAvailableBytes < EVICTION_MEMORY_BYTES;
  const disk = facts.disk ? facts.disk.availableBytes < facts.disk.totalBytes * EVICTION_DISK_FRACTION : false;
  const ready: NodeCondition = inputs.runtime
    ? { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }
    : { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: 'container runtime is down' };
  return [
    cond('MemoryPressure', memory, ['KubeletHasSufficientMemory', 'kubelet has sufficient memory available'], ['KubeletHasInsufficientMemory', 'kubelet has insufficient memory available']),
    cond('DiskPressure', disk, ['KubeletHasNoDiskPressure', 'kubelet has no disk pressure'], ['KubeletHasDiskPressure', 'kubelet has disk pressure']),
    cond('PIDPressure', false, ['KubeletHasSufficientPID', 'kubelet has sufficient PID available'], ['KubeletHasInsufficientPID', 'kubelet has insufficient PID available']),
    ready,
  ];
}

/** Stamps the heartbeat; a condition keeps its lastTransitionTime while its status stays the same. */
export function withTimes(desired: NodeCondition[], previous: NodeCondition[] | undefined, now: number): NodeCondition[] {
  const t = timeOf(now);
  return desired.map((c) => {
    const prev = previous?.find((p) => p.type === c.type);
    const transition = prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : t;
    return { ...c, lastHeartbeatTime: t, lastTransitionTime: transition };
  });
}

export function nodeStatus(inputs: NodeInputs, previous: NodeCondition[] | undefined, now: number) {
  const { facts } = inputs;
  return {
    capacity: capacityOf(facts),
    allocatable: allocatableOf(facts),
    conditions: withTimes(desiredConditions(inputs), previous, now),
    addresses: [...(facts.internalIP ? [{ type: 'InternalIP', address: facts.internalIP }] : []), { type: 'Hostname', address: facts.hostname }],
    daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
    nodeInfo: {
      machineID: facts.machineID,
      systemUUID: facts.machineID,
      bootID: facts.bootID,
      kernelVersion: facts.kernelVersion,
      osImage: facts.osImage,
      containerRuntimeVersion: inputs.runtime?.runtimeVersion ?? 'unknown://unknown',
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: KUBELET_VERSION,
      operatingSystem: facts.operatingSystem,
      architecture: facts.architecture,
    },
    images: nodeImages(inputs.images),
  };
}

export type NodeStatus = ReturnType<typeof nodeStatus>;

/** The Node to create at registration; taints are applied only here, as the kubelet's --register-with-taints. */
export function nodeObject(inputs: NodeInputs, taints: Taint[], now: number) {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: inputs.nodeName, labels: nodeLabels(inputs.nodeName, inputs.facts, inputs.labels), annotations: { 'node.alpha.kubernetes.io/ttl': '0' } },
    spec: taints.length ? { taints: taints.map((t) => ({ ...t })) } : {},
    status: nodeStatus(inputs, undefined, now),
  };
}

/** The status with heartbeat times removed: equal keys mean there is nothing new to report. */
export function statusKey(status: NodeStatus): string {
  return JSON.stringify({ ...status, conditions: status.conditions.map(({ lastHeartbeatTime: _h, ...c }) => c) });
}

/** Post the status when it changed, or when the last report is older than the report frequency. */
export function shouldReport(last: { key: string; at: number } | undefined, key: string, now: number, reportEveryMs: number): boolean {
  return !last || last.key !== key || now - last.at >= reportEveryMs;
}
