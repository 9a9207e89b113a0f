// Everything the plugins read from a pod, computed once per pod object and cached, so scheduling a pod
// against thousands of nodes (and counting thousands of existing pods) never re-parses it.
import { selectorFromLabelSelector, matchesLabels, NOTHING, EVERYTHING, type LabelSelector } from '../../../kube/selectors/labels';
import type { Requirement } from '../../../kube/selectors/labels/types';
import { podRequests, type Resource } from './resource';
import type { Pod, PodAffinityTerm } from './types';

export interface AffinityTerm {
  /** null: any namespace (an empty namespaceSelector with no names). */
  namespaces: ReadonlySet<string> | null;
  /** Namespaces selected by labels, when a namespaceSelector is given. */
  namespaceSelector: LabelSelector | null;
  selector: LabelSelector;
  topologyKey: string;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

export interface PodInfo {
  pod: Pod;
  /** namespace/name: the identity the snapshot files the pod under. */
  key: string;
  namespace: string;
  labels: Record<string, string>;
  priority: number;
  requests: Resource;
  /** cpu and memory with upstream's defaults for containers that request none (for scoring only). */
  nonZeroCPU: number;
  nonZeroMemory: number;
  hostPorts: readonly HostPort[];
  requiredAffinity: readonly AffinityTerm[];
  requiredAntiAffinity: readonly AffinityTerm[];
  preferredAffinity: readonly WeightedAffinityTerm[];
  preferredAntiAffinity: readonly WeightedAffinityTerm[];
  /** Milliseconds since the epoch; Infinity when not started (the least important among equals). */
  startTime: number;
}

export const podKey = (pod: Pod) => `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`;

function safeSelector(sel: PodAffinityTerm['labelSelector']): LabelSelector {
  try {
    return selectorFromLabelSelector(sel as Parameters<typeof selectorFromLabelSelector>[0]);
  } catch {
    return NOTHING; // validation rejects these; never match rather than throw in a plugin
  }
}

function toTerm(t: PodAffinityTerm, owner: Pod): AffinityTerm {
  let selector = safeSelector(t.labelSelector);
  const labels = owner.metadata.labels ?? {};
  const extra: Requirement[] = [];
  // matchLabelKeys / mismatchLabelKeys pin the selector to the owner's own label values.
  for (const k of t.matchLabelKeys ?? []) if (Object.hasOwn(labels, k)) extra.push({ key: k, operator: 'in', values: [labels[k]] });
  for (const k of t.mismatchLabelKeys ?? []) if (Object.hasOwn(labels, k)) extra.push({ key: k, operator: 'notin', values: [labels[k]] });
  if (extra.length > 0 && !selector.nothing) selector = { requirements: [...selector.requirements, ...extra] };
  const names = t.namespaces ?? [];
  let namespaces: Set<string> | null = new Set(names);
  let namespaceSelector: LabelSelector | null = null;
  if (t.namespaceSelector) {
    namespaceSelector = safeSelector(t.namespaceSelector);
    if (names.length === 0 && namespaceSelector.requirements.length === 0 && !namespaceSelector.nothing) namespaces = null;
  } else if (names.length === 0) namespaces = new Set([owner.metadata.namespace ?? 'default']);
  return { namespaces, namespaceSelector, selector, topologyKey: t.topologyKey };
}

/** Does `target` fall under the term (namespace and labels)? `nsLabels` resolves namespaceSelector. */
export function termMatches(term: AffinityTerm, target: PodInfo, nsLabels?: ReadonlyMap<string, Record<string, string>>): boolean {
  if (term.namespaces !== null && !term.namespaces.has(target.namespace)) {
    const sel = term.namespaceSelector;
    if (!sel || sel.nothing) return false;
    if (sel !== EVERYTHING && !matchesLabels(sel, nsLabels?.get(target.namespace))) return false;
  }
  return matchesLabels(term.selector, target.labels);
}

function hostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  for (const list of [pod.spec.containers ?? [], pod.spec.initContainers ?? []]) {
    for (const c of list) {
      for (const p of c.ports ?? []) {
        if (!p.hostPort || p.hostPort <= 0) continue;
        out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
      }
    }
  }
  return out;
}

const cache = new WeakMap<Pod, PodInfo>();

export function getPodInfo(pod: Pod): PodInfo {
  let info = cache.get(pod);
  if (!info) {
    info = buildPodInfo(pod);
    cache.set(pod, info);
  }
  return info;
}

function buildPodInfo(pod: Pod): PodInfo {
  const aff = pod.spec.affinity;
  const nonZero = podRequests(pod, true);
  const started = (pod.status as { startTime?: string } | undefined)?.startTime;
  return {
    pod,
    key: podKey(pod),
    namespace: pod.metadata.namespace ?? 'default',
    labels: pod.metadata.labels ?? {},
    priority: pod.spec.priority ?? 0,
    requests: podRequests(pod),
    nonZeroCPU: nonZero.milliCPU,
    nonZeroMemory: nonZero.memory,
    hostPorts: hostPorts(pod),
    requiredAffinity: (aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => toTerm(t, pod)),
    requiredAntiAffinity: (aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => toTerm(t, pod)),
    preferredAffinity: (aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({ ...toTerm(w.podAffinityTerm, pod), weight: w.weight })),
    preferredAntiAffinity: (aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({
      ...toTerm(w.podAffinityTerm, pod),
      weight: w.weight,
    })),
    startTime: started ? Date.parse(started) : Infinity,
  };
}

export const hasAffinity = (p: PodInfo) =>
  p.requiredAffinity.length + p.requiredAntiAffinity.length + p.preferredAffinity.length + p.preferredAntiAffinity.length > 0;
