// API objects → the replica calculator's inputs: pods with their requests and readiness, and the
// metrics.k8s.io PodMetrics summed over the containers that count, in milli-units (upstream's
// MilliValue for every resource).
import { parseQuantity, quantityToMilli } from '../../../kube/quantity';
import type { Pod } from '../controllers/common/types';
import { timeMs } from '../controllers/common/time';
import type { HpaPod, PodMetric } from './types';

export interface PodMetricsItem {
  metadata: { name: string };
  timestamp?: string;
  window?: string;
  containers?: { name: string; usage?: Record<string, string | number> }[];
}

function milli(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  try {
    return Number(quantityToMilli(parseQuantity(q)));
  } catch {
    return undefined;
  }
}

/** "15s", "1m30s", "250ms", "14.998s" → ms. */
export function durationMs(text: string | undefined): number {
  if (!text) return 0;
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  return total;
}

/** `container` narrows to one container (ContainerResource metrics). */
export function hpaPodOf(pod: Pod, resource: string, container?: string): HpaPod {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  const requests: Record<string, number | undefined> = {};
  for (const c of pod.spec?.containers ?? []) {
    if (container !== undefined && c.name !== container) continue;
    requests[c.name] = milli((c.resources?.requests as Record<string, string | number> | undefined)?.[resource]);
  }
  return {
    name: pod.metadata.name!,
    phase: pod.status?.phase,
    deleting: !!pod.metadata.deletionTimestamp,
    startTime: timeMs(pod.status?.startTime),
    ready: ready ? { status: ready.status, since: timeMs(ready.lastTransitionTime) } : undefined,
    requests,
  };
}

/** Pods whose every counted container reports the resource; others are missing to the calculator. */
export function podMetricsOf(items: PodMetricsItem[], resource: string, container?: string): Map<string, PodMetric> {
  const out = new Map<string, PodMetric>();
  for (const item of items) {
    const containers = (item.containers ?? []).filter((c) => container === undefined || c.name === container);
    if (containers.length === 0) continue;
    let sum = 0;
    let complete = true;
    for (const c of containers) {
      const v = milli(c.usage?.[resource]);
      if (v === undefined) complete = false;
      else sum += v;
    }
    if (!complete) continue;
    out.set(item.metadata.name, { value: sum, timestamp: timeMs(item.timestamp) ?? 0, windowMs: durationMs(item.window) });
  }
  return out;
}

/** A milli-unit amount as a canonical quantity: "250m", or "3" when whole. */
export function milliQuantity(v: number): string {
  return v % 1000 === 0 ? String(v / 1000) : `${v}m`;
}
