// Pod Security admission: pods are held to the level their namespace's
// `pod-security.kubernetes.io/enforce|audit|warn` labels ask for; workload templates get warnings.
import { admitPod, admitTemplate, podTemplateOf } from '../../../kube/admission/podsecurity';
import type { KObject } from '../../../kube/registry/types';
import type { ResourceCtx } from '../context';
import { getObject } from '../store';

const WORKLOADS = new Set(['apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'apps/DaemonSet', 'batch/Job', 'batch/CronJob', '/PodTemplate', '/ReplicationController']);
const LABELS_TTL_MS = 2_000;
const labelsCache = new Map<string, { labels: Record<string, string> | undefined; until: number }>();

async function namespaceLabels(ctx: ResourceCtx, namespace: string): Promise<Record<string, string> | undefined> {
  const hit = labelsCache.get(namespace);
  if (hit && hit.until > Date.now()) return hit.labels;
  const row = await getObject(ctx.db, { resource: 'namespaces', namespace: '', name: namespace });
  const labels = row ? (JSON.parse(row.json) as KObject).metadata.labels : undefined;
  if (labelsCache.size > 5_000) labelsCache.clear();
  labelsCache.set(namespace, { labels, until: Date.now() + LABELS_TTL_MS });
  return labels;
}

export async function admitPodSecurity(ctx: ResourceCtx, obj: KObject, old?: KObject): Promise<void> {
  const { def } = ctx;
  const key = `${def.group}/${def.kind}`;
  const namespace = obj.metadata.namespace;
  if (!namespace || (key !== '/Pod' && !WORKLOADS.has(key))) return;
  const labels = await namespaceLabels(ctx, namespace);
  if (!labels || !Object.keys(labels).some((k) => k.startsWith('pod-security.kubernetes.io/'))) return;
  const opts = { namespace, username: ctx.user.name, subresource: ctx.req.subresource, oldPod: old as never };
  const result = key === '/Pod' ? admitPod(obj as never, labels, opts) : admitTemplate(podTemplateOf(obj as never), labels, opts);
  if (result.deny) throw result.deny;
  ctx.warnings.push(...result.warnings);
}
