// GET/LIST of metrics.k8s.io/v1beta1 nodes and pods (what `kubectl top` and the HPA read), answered
// from the MetricsStore joined with the Node/Pod rows in D1. Authorization already happened in the
// resource dispatch (RBAC: system:aggregated-metrics-reader via view/edit/admin).
import { methodNotAllowed, notFound, pathNotFound } from '../../../kube/status';
import { METRICS_GROUP } from '../../../kube/resources/metrics';
import { parseLabelSelector } from '../../../kube/selectors/labels';
import type { ResourceCtx } from '../context';
import { getObject, listObjects, type StoredRow } from '../store';
import { API_VERSION, type LiveObject, deletedNodes, nodeMetricsOf, podMetricsOf } from './convert';
import { metricsStore } from './store';

function liveOf(row: StoredRow): LiveObject {
  const fields = JSON.parse(row.fields) as Record<string, string>;
  return { namespace: row.namespace, name: row.name, labels: JSON.parse(row.labels) as Record<string, string>, nodeName: fields['spec.nodeName'] || undefined };
}

async function rowsOf(ctx: ResourceCtx, resource: 'nodes' | 'pods'): Promise<LiveObject[]> {
  const { req } = ctx;
  const namespace = resource === 'nodes' ? '' : req.namespace;
  if (req.name !== undefined) {
    const row = await getObject(ctx.db, { resource, namespace: namespace ?? '', name: req.name });
    return row ? [liveOf(row)] : [];
  }
  return (await listObjects(ctx.db, { resource, namespace })).rows.map(liveOf);
}

export async function handleMetrics(ctx: ResourceCtx): Promise<Response> {
  const { req, def } = ctx;
  if (req.subresource) throw pathNotFound();
  if (req.verb !== 'get' && req.verb !== 'list') throw methodNotAllowed();
  const selector = parseLabelSelector(ctx.query.get('labelSelector') ?? '');
  const store = metricsStore(ctx.env);
  const now = Date.now();
  const isNodes = def.kind === 'NodeMetrics';
  const [samples, live] = await Promise.all([store.read(isNodes ? req.name : undefined), rowsOf(ctx, isNodes ? 'nodes' : 'pods')]);
  let items;
  if (isNodes) {
    items = nodeMetricsOf(samples, live, selector, now);
    const gone = req.name === undefined ? deletedNodes(samples, live) : live.length === 0 && samples.length ? [req.name] : [];
    if (gone.length) ctx.exec.waitUntil(store.forget(gone));
  } else {
    items = podMetricsOf(samples, live, selector, now);
  }
  if (req.name !== undefined) {
    if (!items[0]) throw notFound({ resource: isNodes ? 'nodemetrics' : 'podmetrics', group: METRICS_GROUP }, req.name);
    return Response.json(items[0]);
  }
  return Response.json({ kind: `${def.kind}List`, apiVersion: API_VERSION, metadata: {}, items });
}
