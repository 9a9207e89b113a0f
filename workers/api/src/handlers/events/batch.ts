// POST /apis/kubeflare.dev/v1/events: many core/v1 Event creates in one request and, where they can, one
// D1 write. A kubeflare extension for the control plane's event recorders (upstream's broadcasters send
// one POST per event): a scheduler binding hundreds of pods a second records as many Scheduled events,
// and on D1 each request and transaction has a fixed cost. Each event is exactly what
// `POST /api/v1/namespaces/<ns>/events` would create: the same authorization (create events there), decoding,
// validation and admission, its own revision and its own result.
// Events in a namespace this isolate knows has no LimitRange or ResourceQuota go into one batch, guarded
// as a single create is (admission/bare-namespaces.ts); the rest are created one by one.
//
//   request:  {"apiVersion":"kubeflare.dev/v1","kind":"EventList","items":[Event, ...]}  (each with metadata.namespace)
//   response: {"apiVersion":"kubeflare.dev/v1","kind":"EventResultList","items":[{"namespace","name","code","reason"?,"message"?}]}
import { StatusError, alreadyExists, badRequest } from '../../../../kube/status';
import { pathSegmentName } from '../../../../kube/validation/names';
import type { KObject } from '../../../../kube/registry/types';
import type { ResourceCtx } from '../../context';
import type { Authorizer } from '../../auth/authorizer';
import { requireAllowed } from '../../auth/authorizer';
import { requestAttributes } from '../../auth/request-attributes';
import { builtinRegistry } from '../../registry';
import { createObjects } from '../../store';
import { isGuardFailure } from '../../store/write-guard';
import { bareNamespaceGuard, forgetBare, isBare, NAMESPACE_POLICY_CHANGED } from '../../admission/bare-namespaces';
import { decodeIncoming, type Incoming } from '../admit';
import { indexColumns, isDryRun, keyOf, pokeWatchers } from '../common';
import { createNew, prepareNew } from '../create';
import { failure, type ItemResult, listItems, resultsResponse } from '../batch/results';
import type { BatchCtx } from '../binding/batch';

/** Items per request: D1 counts each statement of a batch (two per event) against a request's query limit. */
export const MAX_EVENTS = 200;

interface Item {
  index: number;
  namespace: string;
  /** metadata.name, or generateName until a name is generated. */
  name: string;
  input: Record<string, unknown>;
  ctx: ResourceCtx;
}

interface Prepared {
  it: Item;
  obj: KObject;
  /** The decoded event before prepareNew, to create again one by one. */
  pristine: Incoming;
  generate: boolean;
}

export async function handleEventBatch(base: BatchCtx, authorizer: Authorizer, body: unknown): Promise<Response> {
  const items = parseItems(base, body);
  const results: ItemResult[] = items.map((it) => ({ namespace: it.namespace, name: it.name, code: 0 }));
  const fail = (it: Item, e: StatusError) => (results[it.index] = failure(it.namespace, it.name, e));
  const batched: Prepared[] = [];
  const single: { it: Item; incoming: Incoming }[] = [];
  for (const it of items) {
    try {
      await requireAllowed(authorizer, requestAttributes(base.user, it.ctx.req, base.query));
      const incoming = decodeIncoming(it.ctx, it.input);
      if (!isBare(it.namespace) || isDryRun(it.ctx)) {
        single.push({ it, incoming });
        continue;
      }
      const pristine = { obj: structuredClone(incoming.obj), required: incoming.required };
      const p = await prepareNew(it.ctx, incoming.obj, incoming.required);
      // Quota charges (a ResourceQuota counting events) make it a create of its own.
      if (!p.optimistic || p.quotaWrites.length) single.push({ it, incoming: pristine });
      else batched.push({ it, obj: incoming.obj, pristine, generate: p.generate });
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      fail(it, e);
    }
  }
  let lastRv = 0;
  if (batched.length) {
    const def = batched[0].it.ctx.def;
    const namespaces = [...new Set(batched.map((b) => b.it.namespace))];
    try {
      const outcomes = await createObjects(
        base.db,
        batched.map((b) => ({ key: keyOf(def, b.it.namespace, b.obj.metadata.name!), obj: b.obj, cols: indexColumns(def, b.obj) })),
        namespaces.map(bareNamespaceGuard),
      );
      for (const [i, out] of outcomes.entries()) {
        const b = batched[i];
        if (out.ok) {
          results[b.it.index] = { namespace: b.it.namespace, name: b.obj.metadata.name!, code: 201 };
          lastRv = Math.max(lastRv, out.rv);
        } else if (b.generate) single.push({ it: b.it, incoming: b.pristine }); // a generated name was taken: another one
        else fail(b.it, alreadyExists({ resource: 'events', group: '' }, b.obj.metadata.name!));
      }
    } catch (err) {
      if (!isGuardFailure(err, NAMESPACE_POLICY_CHANGED)) throw err;
      // A LimitRange or ResourceQuota appeared in one of the namespaces: nothing was written; each event again, with the reads.
      for (const ns of namespaces) forgetBare(ns);
      single.push(...batched.map((b) => ({ it: b.it, incoming: b.pristine })));
    }
  }
  for (const { it, incoming } of single.sort((a, b) => a.it.index - b.it.index)) {
    try {
      const created = await createNew({ ...it.ctx, warnings: [] }, incoming.obj, incoming.required);
      results[it.index] = { namespace: it.namespace, name: created.metadata.name!, code: 201 };
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      fail(it, e);
    }
  }
  if (lastRv > 0) pokeWatchers(items[0].ctx, lastRv);
  return resultsResponse('EventResultList', results);
}

/** A malformed request is refused whole (400) and creates nothing. */
function parseItems(base: BatchCtx, body: unknown): Item[] {
  const raw = listItems(body, 'EventList', MAX_EVENTS, 'core/v1 Events');
  const def = builtinRegistry.find('', 'v1', 'events')!;
  return raw.map((input, index) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw badRequest(`items[${index}] must be an Event object`);
    const meta = ((input as { metadata?: unknown }).metadata ?? {}) as { namespace?: unknown; name?: unknown; generateName?: unknown };
    const ns = meta.namespace;
    if (typeof ns !== 'string' || ns === '') throw badRequest(`items[${index}].metadata.namespace: Required value`);
    const problems = pathSegmentName(ns);
    if (problems.length) throw badRequest(`items[${index}].metadata.namespace: Invalid value ${JSON.stringify(ns)}: ${problems.join(', ')}`);
    const name = typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? meta.generateName : '';
    const ctx: ResourceCtx = { ...base, registry: builtinRegistry, def, req: { group: '', version: 'v1', resource: 'events', namespace: ns, verb: 'create' }, warnings: [] };
    return { index, namespace: ns, name, input: input as Record<string, unknown>, ctx };
  });
}
