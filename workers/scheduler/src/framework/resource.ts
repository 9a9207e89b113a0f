// Resource vectors in plain numbers (millicores, bytes, counts) so Filter compares without parsing.
// Quantities are parsed exactly once, when a pod or node enters the snapshot.
import { parseQuantity, quantityToMilli, quantityValue } from '../../../kube/quantity';
import type { Container, Pod } from './types';

export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  /** Extended resources, hugepages, attachable volumes; null while empty to keep NodeInfo small. */
  scalar: Map<string, number> | null;
}

type ResourceMap = Record<string, string | number> | undefined;

export const emptyResource = (): Resource => ({ milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: null });

/** Upstream's defaults for scoring containers that request nothing: 100m and 200MiB. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** Resources counted per name in `scalar`: extended (domain-prefixed), hugepages and attachable volumes. */
export function isScalarResourceName(name: string): boolean {
  return name.includes('/') || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-');
}

function amount(name: string, v: string | number): number {
  try {
    const q = parseQuantity(v);
    return Number(name === 'cpu' ? quantityToMilli(q) : quantityValue(q));
  } catch {
    return 0; // validation rejects bad quantities before they are stored
  }
}

export function addList(r: Resource, list: ResourceMap): void {
  if (!list) return;
  for (const name in list) {
    const v = amount(name, list[name]);
    if (name === 'cpu') r.milliCPU += v;
    else if (name === 'memory') r.memory += v;
    else if (name === 'ephemeral-storage') r.ephemeralStorage += v;
    else if (name === 'pods') r.allowedPodNumber += v;
    else if (isScalarResourceName(name)) {
      r.scalar ??= new Map();
      r.scalar.set(name, (r.scalar.get(name) ?? 0) + v);
    }
  }
}

export function resourceFromList(list: ResourceMap): Resource {
  const r = emptyResource();
  addList(r, list);
  return r;
}

/** into += r × sign */
export function addResource(into: Resource, r: Resource, sign = 1): void {
  into.milliCPU += sign * r.milliCPU;
  into.memory += sign * r.memory;
  into.ephemeralStorage += sign * r.ephemeralStorage;
  into.allowedPodNumber += sign * r.allowedPodNumber;
  if (r.scalar) {
    into.scalar ??= new Map();
    for (const [k, v] of r.scalar) into.scalar.set(k, (into.scalar.get(k) ?? 0) + sign * v);
  }
}

function maxInto(into: Resource, r: Resource): void {
  into.milliCPU = Math.max(into.milliCPU, r.milliCPU);
  into.memory = Math.max(into.memory, r.memory);
  into.ephemeralStorage = Math.max(into.ephemeralStorage, r.ephemeralStorage);
  if (r.scalar) {
    into.scalar ??= new Map();
    for (const [k, v] of r.scalar) into.scalar.set(k, Math.max(into.scalar.get(k) ?? 0, v));
  }
}

export function cloneResource(r: Resource): Resource {
  return { ...r, scalar: r.scalar ? new Map(r.scalar) : null };
}

function containerRequest(c: Container, nonZero: boolean): Resource {
  const r = resourceFromList(c.resources?.requests as ResourceMap);
  if (nonZero) {
    const req = c.resources?.requests as ResourceMap;
    if (!req || req.cpu === undefined) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (!req || req.memory === undefined) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

/**
 * What a pod occupies on its node, as upstream computes it: the sum of the app containers and sidecars,
 * or the largest init container (plus sidecars started before it) if that is bigger, plus the pod
 * overhead. Pod-level requests (spec.resources), when given, replace the container sum for their resources.
 * `nonZero` applies the scoring defaults to containers that request no cpu or memory.
 */
export function podRequests(pod: Pod, nonZero = false): Resource {
  const spec = pod.spec;
  const reqs = emptyResource();
  for (const c of spec.containers ?? []) addResource(reqs, containerRequest(c, nonZero));
  const sidecars = emptyResource();
  const initPeak = emptyResource();
  for (const c of spec.initContainers ?? []) {
    const r = containerRequest(c, nonZero);
    if (c.restartPolicy === 'Always') {
      // A sidecar keeps running next to the app containers and every later init container.
      addResource(reqs, r);
      addResource(sidecars, r);
      maxInto(initPeak, sidecars);
    } else {
      const during = cloneResource(sidecars);
      addResource(during, r);
      maxInto(initPeak, during);
    }
  }
  maxInto(reqs, initPeak);
  const podLevel = spec.resources?.requests as ResourceMap;
  if (podLevel) {
    const p = resourceFromList(podLevel);
    if (podLevel.cpu !== undefined) reqs.milliCPU = p.milliCPU;
    if (podLevel.memory !== undefined) reqs.memory = p.memory;
  }
  addList(reqs, spec.overhead as ResourceMap);
  return reqs;
}
