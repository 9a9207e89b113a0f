// autoscaling/v2 HorizontalPodAutoscalers: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE.
import { AGE, NAME, col } from './columns';
import { since } from './duration';
import { quantityText } from './format';
import type { Printer } from './types';
import type { KObject } from '../registry/types';

interface Target {
  type?: string;
  value?: string;
  averageValue?: string;
  averageUtilization?: number;
}

interface Current {
  value?: string;
  averageValue?: string;
  averageUtilization?: number;
}

type Source = { name?: string; target?: Target; current?: Current };

interface MetricSpec {
  type: string;
  resource?: Source;
  containerResource?: Source;
  pods?: Source;
  object?: Source;
  external?: Source;
}

interface HPA extends KObject {
  spec?: { scaleTargetRef?: { kind?: string; name?: string }; minReplicas?: number; maxReplicas?: number; metrics?: MetricSpec[] };
  status?: { currentReplicas?: number; currentMetrics?: (MetricSpec | null)[] };
}

const UNKNOWN = '<unknown>';
const q = (v: string | undefined) => (v === undefined ? UNKNOWN : quantityText(v));

const SOURCE_KEY: Record<string, keyof MetricSpec> = {
  Resource: 'resource',
  ContainerResource: 'containerResource',
  Pods: 'pods',
  Object: 'object',
  External: 'external',
};

/** One TARGETS entry, "current/target", with upstream's "<unknown>", "<auto>" and "(avg)" markers. */
function metricText(spec: MetricSpec, status: MetricSpec | null | undefined): string {
  const key = SOURCE_KEY[spec.type];
  if (!key) return '<unknown type>';
  const src = spec[key] as Source | undefined;
  const cur = (status?.[key] as Source | undefined)?.current;
  const target = src?.target ?? {};
  switch (spec.type) {
    case 'Pods':
      return `${cur ? q(cur.averageValue) : UNKNOWN}/${q(target.averageValue)}`;
    case 'Object':
    case 'External':
      if (target.averageValue !== undefined) return `${cur?.averageValue !== undefined ? q(cur.averageValue) : UNKNOWN}/${q(target.averageValue)} (avg)`;
      return `${cur ? q(cur.value) : UNKNOWN}/${q(target.value)}`;
    default: {
      // Resource and ContainerResource are prefixed with the resource name.
      const name = src?.name ?? '';
      if (target.averageValue !== undefined) return `${name}: ${cur ? q(cur.averageValue) : UNKNOWN}/${q(target.averageValue)}`;
      const current = cur?.averageUtilization !== undefined ? `${cur.averageUtilization}%` : UNKNOWN;
      const goal = target.averageUtilization !== undefined ? `${target.averageUtilization}%` : '<auto>';
      return `${name}: ${current}/${goal}`;
    }
  }
}

/** At most two metrics, then "+ N more...". Status metrics pair with spec metrics by position. */
export function hpaTargets(hpa: HPA): string {
  const specs = hpa.spec?.metrics ?? [];
  if (specs.length === 0) return '<none>';
  const statuses = hpa.status?.currentMetrics ?? [];
  const list = specs.map((m, i) => metricText(m, statuses[i]));
  return list.length > 2 ? `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...` : list.join(', ');
}

export const hpaPrinter: Printer<HPA> = {
  columns: [
    NAME,
    col('Reference', 'Scaled object as Kind/name.'),
    col('Targets', 'Current and target metric values.'),
    col('MinPods', 'Lower replica bound.'),
    col('MaxPods', 'Upper replica bound.'),
    col('Replicas', 'Current replicas.'),
    AGE,
  ],
  cells(hpa, now) {
    const spec = hpa.spec ?? {};
    const ref = spec.scaleTargetRef ?? {};
    return [
      hpa.metadata.name ?? '',
      `${ref.kind ?? ''}/${ref.name ?? ''}`,
      hpaTargets(hpa),
      spec.minReplicas !== undefined ? String(spec.minReplicas) : '<unset>',
      spec.maxReplicas ?? 0,
      hpa.status?.currentReplicas ?? 0,
      since(hpa.metadata.creationTimestamp, now),
    ];
  },
};
