// Node selectors and affinity terms compiled once per pod, then matched against many nodes cheaply.
import type { NodeSelectorTerm, Pod } from './types';

interface Req {
  key: string;
  op: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt' | 'Invalid';
  values: readonly string[];
  num: number;
}

export interface CompiledTerm {
  labels: readonly Req[];
  fields: readonly Req[];
  /** Empty terms (no expressions, no fields) and terms with unknown operators match nothing. */
  never: boolean;
}

const INT = /^[+-]?\d+$/;

function compileReq(r: { key: string; operator: string; values?: string[] }): Req {
  const values = r.values ?? [];
  const op = (['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] as const).find((o) => o === r.operator) ?? 'Invalid';
  let num = NaN;
  if (op === 'Gt' || op === 'Lt') num = values.length === 1 && INT.test(values[0]) ? Number(values[0]) : NaN;
  return { key: r.key, op, values, num };
}

export function compileTerm(t: NodeSelectorTerm): CompiledTerm {
  const labels = (t.matchExpressions ?? []).map(compileReq);
  const fields = (t.matchFields ?? []).map(compileReq);
  const never = labels.length + fields.length === 0 || [...labels, ...fields].some((r) => r.op === 'Invalid' || ((r.op === 'Gt' || r.op === 'Lt') && Number.isNaN(r.num)));
  return { labels, fields, never };
}

function reqMatches(r: Req, value: string | undefined): boolean {
  switch (r.op) {
    case 'In':
      return value !== undefined && r.values.includes(value);
    case 'NotIn':
      return value === undefined || !r.values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || !INT.test(value)) return false;
      const v = Number(value);
      return r.op === 'Gt' ? v > r.num : v < r.num;
    }
    default:
      return false;
  }
}

export function termMatchesNode(t: CompiledTerm, labels: Record<string, string>, nodeName: string): boolean {
  if (t.never) return false;
  for (const r of t.labels) if (!reqMatches(r, Object.hasOwn(labels, r.key) ? labels[r.key] : undefined)) return false;
  // Only metadata.name is a supported field.
  for (const r of t.fields) if (r.key !== 'metadata.name' || !reqMatches(r, nodeName)) return false;
  return true;
}

/** A pod's hard node constraints: spec.nodeSelector AND (any of the required affinity terms). */
export interface RequiredNodeAffinity {
  selector: readonly [string, string][];
  terms: readonly CompiledTerm[] | null;
}

export function requiredNodeAffinity(pod: Pod): RequiredNodeAffinity {
  const selector = Object.entries(pod.spec.nodeSelector ?? {});
  const req = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return { selector, terms: req ? req.nodeSelectorTerms.map(compileTerm) : null };
}

export function matchesRequired(a: RequiredNodeAffinity, labels: Record<string, string>, nodeName: string): boolean {
  for (const [k, v] of a.selector) if (labels[k] !== v || !Object.hasOwn(labels, k)) return false;
  if (a.terms === null) return true;
  for (const t of a.terms) if (termMatchesNode(t, labels, nodeName)) return true;
  return false;
}

export const isEmptyRequired = (a: RequiredNodeAffinity) => a.selector.length === 0 && a.terms === null;
