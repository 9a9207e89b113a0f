// DefaultStorageClass admission: a claim created without storageClassName (absent, not "") gets the
// default class, the newest one annotated storageclass.kubernetes.io/is-default-class=true, as upstream.
import type { KObject } from '../../../kube/registry/types';
import type { ResourceCtx } from '../context';
import { listObjects } from '../store';

const DEFAULT_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
const TTL_MS = 2_000;
let cached: { name: string | undefined; until: number } | undefined;

async function defaultClass(ctx: ResourceCtx): Promise<string | undefined> {
  if (cached && cached.until > Date.now()) return cached.name;
  const { rows } = await listObjects(ctx.db, { resource: 'storage.k8s.io/storageclasses' });
  const defaults = rows.map((r) => JSON.parse(r.json) as KObject).filter((c) => c.metadata.annotations?.[DEFAULT_ANNOTATION] === 'true');
  defaults.sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  cached = { name: defaults[0]?.metadata.name, until: Date.now() + TTL_MS };
  return cached.name;
}

export async function admitDefaultStorageClass(ctx: ResourceCtx, obj: KObject): Promise<void> {
  if (ctx.def.group !== '' || ctx.def.kind !== 'PersistentVolumeClaim') return;
  const spec = ((obj as { spec?: Record<string, unknown> }).spec ??= {});
  if (spec.storageClassName !== undefined && spec.storageClassName !== null) return;
  // A claim that names its volume binds to it directly.
  if (spec.volumeName) return;
  const name = await defaultClass(ctx);
  if (name) spec.storageClassName = name;
}
