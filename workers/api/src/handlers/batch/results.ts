// What the batch endpoints (kubeflare.dev/v1 bindings and events) share: the list envelope they take and
// the per-item results they answer with. A malformed envelope is refused whole (400) and changes nothing.
import { StatusError, badRequest } from '../../../../kube/status';

export interface ItemResult {
  namespace: string;
  name: string;
  code: number;
  reason?: string;
  message?: string;
}

/** The items of `{"kind": <kind>, "items": [...]}`, at most `max` of them. */
export function listItems(body: unknown, kind: string, max: number, what: string): unknown[] {
  const b = body as { kind?: unknown; items?: unknown };
  if (typeof b !== 'object' || b === null || Array.isArray(b)) throw badRequest(`the request body must be a ${kind} object`);
  if (b.kind !== undefined && b.kind !== kind) throw badRequest(`kind must be ${kind}, not ${JSON.stringify(b.kind)}`);
  if (!Array.isArray(b.items)) throw badRequest(`items: Required value: a list of ${what}`);
  if (b.items.length > max) throw badRequest(`items: Too many: ${b.items.length}: must have at most ${max} items`);
  return b.items;
}

export function failure(namespace: string, name: string, e: StatusError): ItemResult {
  return { namespace, name, code: e.code, reason: e.reason, message: e.message };
}

export function resultsResponse(kind: string, items: ItemResult[]): Response {
  return new Response(JSON.stringify({ apiVersion: 'kubeflare.dev/v1', kind, items }), { headers: { 'Content-Type': 'application/json' } });
}
