// Content negotiation for server-side printing: kubectl asks for `application/json;as=Table;v=v1;
// g=meta.k8s.io` first and plain JSON as a fallback.
import type { IncludeObject } from '../../../kube/printers';
import { badRequest } from '../../../kube/status';

export const TABLE_CONTENT_TYPE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

export interface TableRequest {
  includeObject: IncludeObject;
}

/** The Table form when the client prefers it (its first acceptable media type), else undefined. */
export function tableRequested(accept: string | null, q: URLSearchParams): TableRequest | undefined {
  if (!accept || !accept.includes('as=Table')) return undefined;
  for (const part of accept.split(',')) {
    const [type, ...params] = part.split(';').map((s) => s.trim());
    const p = Object.fromEntries(params.map((x) => x.split('=').map((s) => s.trim()) as [string, string]));
    if (type === 'application/json' && p.as === 'Table' && p.g === 'meta.k8s.io' && (p.v === 'v1' || p.v === 'v1beta1')) {
      return { includeObject: includeObjectOf(q) };
    }
    if (type === 'application/json' && !p.as) return undefined;
    if (type === '*/*') return undefined;
  }
  return undefined;
}

function includeObjectOf(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject');
  if (v === null || v === '') return 'Metadata';
  if (v === 'None' || v === 'Metadata' || v === 'Object') return v;
  throw badRequest(`includeObject: Unsupported value: ${JSON.stringify(v)}: supported values: "None", "Metadata", "Object"`);
}
