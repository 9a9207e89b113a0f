// A node with the pods on it and running totals, updated incrementally as pods come and go.
import { addResource, cloneResource, emptyResource, resourceFromList, type Resource } from './resource';
import { hasAffinity, type HostPort, type PodInfo } from './pod-info';
import type { Node } from './types';

export class NodeInfo {
  node: Node | undefined;
  name: string;
  labels: Record<string, string> = {};
  allocatable: Resource = emptyResource();
  readonly pods: PodInfo[] = [];
  requested: Resource = emptyResource();
  /** cpu/memory with scoring defaults for pods that request none (what LeastAllocated uses). */
  nonZeroCPU = 0;
  nonZeroMemory = 0;
  /** "PROTO/port" → ip → number of pods holding it. */
  usedPorts = new Map<string, Map<string, number>>();
  /** Normalized image name → size in bytes (cluster-wide node counts live in the snapshot). */
  images = new Map<string, number>();
  /** Pods with any affinity/anti-affinity term, and those with required anti-affinity (what PreFilter scans). */
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  /** Bumped on every change, so callers can cache per-node derived data. */
  generation = 0;

  constructor(name: string, node?: Node) {
    this.name = name;
    if (node) this.setNode(node);
  }

  setNode(node: Node): void {
    this.node = node;
    this.labels = node.metadata.labels ?? {};
    const st = node.status;
    this.allocatable = resourceFromList((st?.allocatable ?? st?.capacity) as Record<string, string | number> | undefined);
    this.images.clear();
    for (const img of st?.images ?? []) for (const n of img.names ?? []) this.images.set(normalizedImageName(n), img.sizeBytes ?? 0);
    this.generation++;
  }

  addPod(p: PodInfo): void {
    this.pods.push(p);
    this.account(p, 1);
  }

  /** Removes by key; returns the removed PodInfo, if it was here. */
  removePod(key: string): PodInfo | undefined {
    const i = this.pods.findIndex((p) => p.key === key);
    if (i < 0) return undefined;
    const [p] = this.pods.splice(i, 1);
    this.account(p, -1);
    return p;
  }

  private account(p: PodInfo, sign: 1 | -1): void {
    addResource(this.requested, p.requests, sign);
    this.nonZeroCPU += sign * p.nonZeroCPU;
    this.nonZeroMemory += sign * p.nonZeroMemory;
    for (const hp of p.hostPorts) this.updatePort(hp, sign);
    if (hasAffinity(p)) updateList(this.podsWithAffinity, p, sign);
    if (p.requiredAntiAffinity.length > 0) updateList(this.podsWithRequiredAntiAffinity, p, sign);
    this.generation++;
  }

  private updatePort(hp: HostPort, sign: number): void {
    const k = `${hp.protocol}/${hp.port}`;
    let ips = this.usedPorts.get(k);
    if (!ips) this.usedPorts.set(k, (ips = new Map()));
    const n = (ips.get(hp.ip) ?? 0) + sign;
    if (n > 0) ips.set(hp.ip, n);
    else ips.delete(hp.ip);
    if (ips.size === 0) this.usedPorts.delete(k);
  }

  /** True when another pod holds the port on the same IP, or either side binds all addresses. */
  portInUse(hp: HostPort): boolean {
    const ips = this.usedPorts.get(`${hp.protocol}/${hp.port}`);
    if (!ips) return false;
    if (hp.ip === '0.0.0.0') return true;
    return ips.has(hp.ip) || ips.has('0.0.0.0');
  }

  /** A copy whose pod list and totals can change without touching this one (preemption dry runs). */
  clone(): NodeInfo {
    const c = new NodeInfo(this.name);
    c.node = this.node;
    c.labels = this.labels;
    c.allocatable = this.allocatable;
    c.images = this.images;
    c.pods.push(...this.pods);
    c.requested = cloneResource(this.requested);
    c.nonZeroCPU = this.nonZeroCPU;
    c.nonZeroMemory = this.nonZeroMemory;
    for (const [k, ips] of this.usedPorts) c.usedPorts.set(k, new Map(ips));
    c.podsWithAffinity = this.podsWithAffinity.slice();
    c.podsWithRequiredAntiAffinity = this.podsWithRequiredAntiAffinity.slice();
    c.generation = this.generation;
    return c;
  }
}

/** "nginx" and "nginx:latest" are the same image; a reference with a tag or digest is kept as is. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

function updateList(list: PodInfo[], p: PodInfo, sign: number): void {
  if (sign > 0) list.push(p);
  else {
    const i = list.findIndex((x) => x.key === p.key);
    if (i >= 0) list.splice(i, 1);
  }
}
