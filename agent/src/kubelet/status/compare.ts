// Deciding whether a generated status is worth a write, and the merge patch that writes it.
import type { V1PodStatus } from '../types';

/** Fields the kubelet owns at the top of the status; removing one needs an explicit null in a merge patch. */
const OWNED = ['phase', 'conditions', 'hostIP', 'hostIPs', 'podIP', 'podIPs', 'startTime', 'initContainerStatuses', 'containerStatuses', 'qosClass', 'reason', 'message'] as const;

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined && o[k] !== null)
      .sort()
      .map((k) => `${k}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * Equal on the fields the kubelet owns. Timestamps are part of the comparison on purpose: generation
 * reuses the old ones unless something really moved, so a changed one is a real change.
 */
export function statusEqual(a: V1PodStatus | undefined, b: V1PodStatus | undefined): boolean {
  for (const k of OWNED) if (canonical(a?.[k]) !== canonical(b?.[k])) return false;
  return true;
}

/** A merge patch body for pods/<name>/status that sets `next` and clears owned fields it no longer has. */
export function statusPatch(old: V1PodStatus | undefined, next: V1PodStatus): { status: Record<string, unknown> } {
  const status: Record<string, unknown> = { ...next };
  for (const k of OWNED) if (old?.[k] !== undefined && next[k] === undefined) status[k] = null;
  return { status };
}
