// POST /apis/kubeflare.dev/v1/bindings: many pods/binding in one request, one D1 read and one D1 write.
// A kubeflare extension for the scheduler (upstream has none; kube-scheduler binds pod by pod): on D1
// every request and every transaction has a fixed cost that etcd does not, and a scheduler that places
// hundreds of pods a second pays it per pod. Each binding is exactly what pods/binding does: the same
// authorization (create pods/binding on that pod), the same rules and admission, its own compare-and-swap
// and its own revision; they only share the round trips. Each item gets its own result, so one pod that
// was bound or deleted meanwhile does not fail the others.
//
//   request:  {"apiVersion":"kubeflare.dev/v1","kind":"BindingList","items":[Binding, ...]}
//             (each a core/v1 Binding with metadata.namespace, metadata.name and optionally metadata.uid)
//   response: {"apiVersion":"kubeflare.dev/v1","kind":"BindingResultList","items":[{"namespace","name","code","reason"?,"message"?}]}
import { StatusError, badRequest, conflict, notFound } from '../../../../kube/status';
import { pathSegmentName } from '../../../../kube/validation/names';
import type { KObject } from '../../../../kube/registry/types';
import type { ResourceCtx } from '../../context';
import type { Authorizer } from '../../auth/authorizer';
import { requireAllowed } from '../../auth/authorizer';
import { requestAttributes } from '../../auth/request-attributes';
import { builtinRegistry } from '../../registry';
import type { ResourceRequest } from '../../request/info';
import { type CasWrite, getObjects, updateObjects } from '../../store';
import { validateChanged } from '../admit';
import { indexColumns, isDryRun, keyOf, parseRow, pokeWatchers } from '../common';
import { admitUpdate, carrySystemFields } from '../guaranteed-update';
import { assignPod, bindingTarget, type BindingInput } from './assign';
import { failure, type ItemResult, listItems, resultsResponse } from '../batch/results';

/** Items per request: D1 counts each statement of a batch (two per binding) against a request's query limit. */
export const MAX_BINDINGS = 200;
const MAX_ATTEMPTS = 16;


interface Item {
  index: number;
  namespace: string;
  name: string;
  uid?: string;
  node: string;
  ctx: ResourceCtx;
}

export type BatchCtx = Omit<ResourceCtx, 'def' | 'req' | 'registry' | 'warnings'>;

export async function handleBindingBatch(base: BatchCtx, authorizer: Authorizer, body: unknown): Promise<Response> {
  const items = parseItems(base, body);
  const results: ItemResult[] = items.map((it) => ({ namespace: it.namespace, name: it.name, code: 0 }));
  const fail = (it: Item, e: StatusError) => (results[it.index] = failure(it.namespace, it.name, e));
  // Authorized one by one, as a pods/binding request for that pod would be; a denied item fails alone.
  let pending: Item[] = [];
  for (const it of items) {
    try {
      await requireAllowed(authorizer, requestAttributes(base.user, it.ctx.req, base.query));
      pending.push(it);
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      fail(it, e);
    }
  }
  let lastRv = 0;
  for (let attempt = 0; attempt < MAX_ATTEMPTS && pending.length > 0; attempt++) {
    // The first attempt starts from this isolate's own last writes of the pods where it has them (hints,
    // as in guaranteedUpdate): only the others are read. A hinted pod that fails is tried again from D1.
    const hints = pending.map((it) => (attempt === 0 ? base.db.written.get(keyOf(it.ctx.def, it.namespace, it.name)) : undefined));
    const unhinted = pending.filter((_, i) => !hints[i]);
    const read = unhinted.length ? await getObjects(base.db, 'pods', unhinted.map((it) => ({ namespace: it.namespace, name: it.name }))) : [];
    let nextRead = 0;
    const rows = hints.map((h) => h ?? read[nextRead++]);
    const writes: { it: Item; write: CasWrite }[] = [];
    const again: Item[] = [];
    for (const [i, it] of pending.entries()) {
      try {
        const row = rows[i];
        if (!row) throw notFound({ resource: 'pods', group: '' }, it.name);
        const next = await bound(it, parseRow(row));
        if (isDryRun(it.ctx) && hints[i]) again.push(it);
        else if (isDryRun(it.ctx)) results[it.index] = { namespace: it.namespace, name: it.name, code: 201 };
        else writes.push({ it, write: { key: keyOf(it.ctx.def, it.namespace, it.name), expectedRv: row.rv, obj: next, cols: indexColumns(it.ctx.def, next) } });
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        if (hints[i]) again.push(it);
        else fail(it, e);
      }
    }
    const outcomes = await updateObjects(base.db, writes.map((w) => w.write));
    pending = again;
    for (const [i, out] of outcomes.entries()) {
      const { it } = writes[i];
      if (out.ok) {
        results[it.index] = { namespace: it.namespace, name: it.name, code: 201 };
        lastRv = Math.max(lastRv, out.rv);
      } else pending.push(it); // written by someone else since the read: read it again
    }
  }
  for (const it of pending) fail(it, conflict({ resource: 'pods', group: '' }, it.name, 'too many concurrent updates; please try again'));
  if (lastRv > 0) pokeWatchers(items[0].ctx, lastRv);
  return resultsResponse('BindingResultList', results);
}

/** The pod as pods/binding would store it: the uid precondition, assignPod, then the update's checks and admission. */
async function bound(it: Item, old: KObject): Promise<KObject> {
  if (it.uid && it.uid !== old.metadata.uid) {
    throw conflict({ resource: 'pods', group: '' }, it.name, `Precondition failed: UID in precondition: ${it.uid}, UID in object meta: ${old.metadata.uid}`);
  }
  const next = carrySystemFields(it.ctx, assignPod(structuredClone(old), it.name, it.node), old, true);
  validateChanged(it.ctx, next, old, [], true);
  await admitUpdate(it.ctx, { name: it.name, part: 'all', systemWrite: true, applied: true, mutate: () => ({ obj: next, required: [] }) }, next, old);
  return next;
}

/** A malformed request is refused whole (400) and binds nothing. */
function parseItems(base: BatchCtx, body: unknown): Item[] {
  const items = listItems(body, 'BindingList', MAX_BINDINGS, 'core/v1 Bindings');
  const def = builtinRegistry.find('', 'v1', 'pods')!;
  const seen = new Set<string>();
  return items.map((raw, index) => {
    const binding = (raw ?? {}) as BindingInput;
    const { namespace, name, uid } = binding.metadata ?? {};
    for (const [what, value] of [['namespace', namespace], ['name', name]] as const) {
      if (typeof value !== 'string' || value === '') throw badRequest(`items[${index}].metadata.${what}: Required value`);
      const problems = pathSegmentName(value);
      if (problems.length) throw badRequest(`items[${index}].metadata.${what}: Invalid value ${JSON.stringify(value)}: ${problems.join(', ')}`);
    }
    if (uid !== undefined && typeof uid !== 'string') throw badRequest(`items[${index}].metadata.uid must be a string`);
    const ns = namespace as string;
    const podName = name as string;
    if (seen.has(`${ns}/${podName}`)) throw badRequest(`items[${index}]: pod ${ns}/${podName} appears more than once`);
    seen.add(`${ns}/${podName}`);
    let node: string;
    try {
      node = bindingTarget(binding, podName);
    } catch (e) {
      throw e instanceof StatusError ? badRequest(`items[${index}]: ${e.message}`) : e;
    }
    const req: ResourceRequest = { group: '', version: 'v1', resource: 'pods', namespace: ns, name: podName, subresource: 'binding', verb: 'create' };
    return { index, namespace: ns, name: podName, uid: uid || undefined, node, ctx: { ...base, registry: builtinRegistry, def, req, warnings: [] } };
  });
}
