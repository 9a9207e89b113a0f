import { matchesFields } from '../../../kube/selectors/fields';
import { isEverything, matchesLabels } from '../../../kube/selectors/labels';
import { apiVersionOf, type KObject } from '../../../kube/registry/types';
import { tableFor } from '../../../kube/printers';
import { TABLE_CONTENT_TYPE, tableRequested } from '../request/table';
import { badRequest, expired, timeout } from '../../../kube/status';
import type { ResourceCtx } from '../context';
import { storageResource } from '../registry';
import { listObjects, type StoredRow } from '../store';
import { rawJsonResponse } from './common';
import { jsonListResponse } from './list-body';
import { listOptionsInvalid, listOptionsNotSupported } from '../request/options';
import { rowFields, selectorsOf } from './selectors';
import { decodeContinue, encodeContinue } from './continue-token';

const PAGE = 1000;

export async function handleList(ctx: ResourceCtx): Promise<Response> {
  const { def, query: q } = ctx;
  const sel = selectorsOf(def, q);
  const limit = parseLimit(q.get('limit'));
  const cont = q.get('continue') || undefined;
  const rv = q.get('resourceVersion') || undefined;
  const match = q.get('resourceVersionMatch') || undefined;
  if (match !== undefined && match !== 'NotOlderThan' && match !== 'Exact') listOptionsNotSupported('resourceVersionMatch', match, ['Exact', 'NotOlderThan']);
  if (match && !rv) listOptionsInvalid('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided');
  if (match === 'Exact' && rv === '0') listOptionsInvalid('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"');
  if (cont && rv && rv !== '0') throw badRequest('specifying resource version is not allowed when using continue');
  const wantRv = rv !== undefined ? parseRv(rv) : undefined;
  const after = cont ? decodeContinue(cont) : undefined;

  let namespace = ctx.req.namespace;
  if (sel.namespace !== undefined) {
    if (namespace !== undefined && namespace !== sel.namespace) return emptyList(ctx, 0);
    if (def.namespaced) namespace = sel.namespace;
  }
  const filterLabels = !isEverything(sel.labels);
  const items: string[] = [];
  const filterFields = sel.fields.requirements.length > 0;
  const filtered = filterLabels || filterFields;
  let position = after ? { namespace: after.namespace, name: after.name } : undefined;
  let revision = after?.rv ?? 0;
  let more = false;
  /** Takes rows in key order until the page is full; false when it is (the rest waits for a continue). */
  const take = (rows: StoredRow[], start: number): boolean => {
    for (let i = start; i < rows.length; i++) {
      const row = rows[i];
      if (limit && items.length === limit) {
        more = true;
        return false;
      }
      position = { namespace: row.namespace, name: row.name };
      if (filterLabels && !matchesLabels(sel.labels, JSON.parse(row.labels))) continue;
      if (filterFields && !matchesFields(sel.fields, rowFields(row.fields, row.namespace, row.name))) continue;
      items.push(row.json);
    }
    return true;
  };
  // Per-node pod lists keep their index scan; everything else is served from the isolate's list cache.
  const scope = sel.nodeName === undefined ? await ctx.db.lists.read(ctx.db, storageResource(def), namespace) : undefined;
  if (scope) {
    if (!after) revision = scope.revision;
    checkRv(wantRv, match, scope.revision);
    const { rows, start } = scope.rowsFrom(position);
    take(rows, start);
  } else {
    for (let first = true; ; first = false) {
      // Unfiltered pages need one row beyond the limit (to know whether to continue); filtered ones read ahead.
      const pageSize = limit ? (filtered ? Math.max(limit + 1, PAGE) : limit + 1) : undefined;
      const res = await listObjects(ctx.db, { resource: storageResource(def), namespace, nodeName: sel.nodeName, after: position, limit: pageSize });
      if (first) {
        if (!after) revision = res.revision;
        checkRv(wantRv, match, res.revision);
      }
      if (!take(res.rows, 0) || pageSize === undefined || res.rows.length < pageSize) break;
    }
  }
  const meta: Record<string, string> = { resourceVersion: String(revision) };
  if (more && position) meta.continue = encodeContinue({ rv: revision, ...position });
  const table = tableRequested(ctx.request.headers.get('accept'), q);
  if (table) {
    const objects = items.map((j) => JSON.parse(j) as KObject);
    const t = tableFor(def, objects, { includeObject: table.includeObject, printerColumns: def.printerColumns, listMeta: meta });
    return rawJsonResponse(ctx, 200, JSON.stringify(t), TABLE_CONTENT_TYPE);
  }
  const head = `{"kind":${JSON.stringify(def.listKind ?? `${def.kind}List`)},"apiVersion":${JSON.stringify(apiVersionOf(def))},"metadata":${JSON.stringify(meta)},"items":[`;
  return jsonListResponse(ctx, head, items);
}

function emptyList(ctx: ResourceCtx, revision: number): Response {
  const { def } = ctx;
  return rawJsonResponse(ctx, 200, JSON.stringify({ kind: def.listKind ?? `${def.kind}List`, apiVersion: apiVersionOf(def), metadata: { resourceVersion: String(revision) }, items: [] }));
}

function parseLimit(v: string | null): number | undefined {
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(n)) throw badRequest(`limit: Invalid value: ${JSON.stringify(v)}: must be an integer`);
  // Upstream treats zero and negative limits as "no limit".
  return n <= 0 ? undefined : n;
}

export function parseRv(v: string): number {
  if (!/^\d{1,15}$/.test(v)) throw badRequest(`resourceVersion: Invalid value: ${JSON.stringify(v)}: must be a non-negative integer`);
  return Number(v);
}

/** resourceVersion semantics without MVCC: we always read the newest state. */
function checkRv(want: number | undefined, match: string | undefined, current: number) {
  if (want === undefined || want === 0) return;
  if (want > current) throw timeout(`Too large resource version: ${want}, current: ${current}`);
  if (match === 'Exact' && want !== current) throw expired(`The resourceVersion for the provided list is too old.`);
}
