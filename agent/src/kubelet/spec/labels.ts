// The labels the kubelet puts on what it creates, and reading them back after a restart.
import { createHash } from 'node:crypto';
import { LABELS } from '../../runtime/types';
import type { Container, Pod } from '../types';

export type ContainerKind = 'init' | 'regular' | 'sandbox';

export function podLabels(pod: Pod, nodeName: string): Record<string, string> {
  return {
    [LABELS.managed]: 'true',
    [LABELS.podUid]: pod.metadata.uid ?? '',
    [LABELS.podName]: pod.metadata.name ?? '',
    [LABELS.podNamespace]: pod.metadata.namespace ?? '',
    [LABELS.nodeName]: nodeName,
    [LABELS.gracePeriod]: String(pod.spec.terminationGracePeriodSeconds ?? 30),
  };
}

export function containerLabels(pod: Pod, nodeName: string, c: Container, kind: ContainerKind, attempt: number): Record<string, string> {
  return {
    ...podLabels(pod, nodeName),
    [LABELS.container]: c.name,
    [LABELS.containerKind]: kind,
    [LABELS.attempt]: String(attempt),
    [LABELS.specHash]: specHash(c),
  };
}

export function attemptOf(labels: Record<string, string>): number {
  const n = Number(labels[LABELS.attempt] ?? '0');
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

/** Keys sorted at every level so the hash does not depend on the order the API wrote fields in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * Hash of the container's spec; like upstream's container hash it leaves out resources (resizable in
 * place), so only a change that needs a new container restarts it.
 */
export function specHash(c: Container): string {
  const { resources: _r, resizePolicy: _p, ...rest } = c;
  return createHash('sha256').update(canonical(rest)).digest('hex').slice(0, 16);
}
