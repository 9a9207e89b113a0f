// The files of ConfigMap, Secret, downwardAPI and projected volumes, computed from the API objects
// the way the upstream volume plugins do (items, modes, optional), before the atomic writer puts
// them on disk. Errors carry upstream's wording; the manager prefixes the volume name.
import type { Pod } from '../../../../workers/kube/resources/core/pod';
import type { Container } from '../../../../workers/kube/resources/core/pod/container';
import { fieldRefValue, resourceFieldValue } from '../env/downward';
import type { ConfigMap, ObjectSource, Secret } from '../objects';
import type { Payload } from './atomic-writer';

/** The API's default file mode (0644) for every one of these volume types. */
export const DEFAULT_MODE = 0o644;

export interface KeyToPath {
  key: string;
  path: string;
  mode?: number;
}

export interface DownwardFile {
  path: string;
  fieldRef?: { fieldPath: string };
  resourceFieldRef?: { containerName?: string; resource: string; divisor?: unknown };
  mode?: number;
}

export type TokenSource = (pod: Pod, audience: string, expirationSeconds: number) => Promise<string>;

export interface PayloadContext {
  pod: Pod;
  objects: ObjectSource;
  allocatable?: Record<string, string>;
  /** Issues (and caches) service account tokens; absent when the agent has no way to get them. */
  token?: TokenSource;
}

function configMapEntries(cm: ConfigMap): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(cm.data ?? {})) out.set(k, Buffer.from(v, 'utf8'));
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) out.set(k, Buffer.from(v, 'base64'));
  return out;
}

const secretEntries = (s: Secret) => new Map(Object.entries(s.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]));

/** All keys, or the listed items; a missing object or key fails unless optional. */
function keysPayload(
  kind: 'configmap' | 'secret',
  name: string,
  entries: Map<string, Buffer> | null,
  items: KeyToPath[] | undefined,
  optional: boolean,
  defaultMode: number,
): Payload {
  const out: Payload = new Map();
  if (!entries) {
    if (optional) return out;
    throw new Error(`${kind} "${name}" not found`);
  }
  if (!items?.length) {
    for (const [k, data] of entries) out.set(k, { data, mode: defaultMode });
    return out;
  }
  for (const it of items) {
    const data = entries.get(it.key);
    if (!data) {
      if (optional) continue;
      throw new Error(kind === 'configmap' ? `configmap references non-existent config key: ${it.key}` : `references non-existent secret key: ${it.key}`);
    }
    out.set(it.path, { data, mode: it.mode ?? defaultMode });
  }
  return out;
}

export async function configMapPayload(
  ctx: PayloadContext,
  src: { name?: string; items?: KeyToPath[]; optional?: boolean },
  defaultMode: number,
): Promise<Payload> {
  const name = src.name ?? '';
  const cm = await ctx.objects.getConfigMap(ctx.pod.metadata.namespace ?? 'default', name);
  return keysPayload('configmap', name, cm && configMapEntries(cm), src.items, src.optional ?? false, defaultMode);
}

export async function secretPayload(ctx: PayloadContext, src: { name?: string; items?: KeyToPath[]; optional?: boolean }, defaultMode: number): Promise<Payload> {
  const name = src.name ?? '';
  const s = await ctx.objects.getSecret(ctx.pod.metadata.namespace ?? 'default', name);
  return keysPayload('secret', name, s && secretEntries(s), src.items, src.optional ?? false, defaultMode);
}

export function downwardPayload(ctx: PayloadContext, items: DownwardFile[] | undefined, defaultMode: number): Payload {
  const out: Payload = new Map();
  for (const it of items ?? []) {
    let value: string;
    if (it.fieldRef) value = fieldRefValue(ctx.pod, it.fieldRef.fieldPath);
    else if (it.resourceFieldRef) {
      const r = it.resourceFieldRef;
      const all = [...(ctx.pod.spec.containers ?? []), ...(ctx.pod.spec.initContainers ?? [])] as Container[];
      const c = all.find((x) => x.name === r.containerName);
      if (!c) throw new Error(`container ${r.containerName ?? ''} not found in pod`);
      value = resourceFieldValue({ resource: r.resource, divisor: r.divisor as string | number | undefined }, c, ctx.allocatable);
    } else continue;
    out.set(it.path, { data: Buffer.from(value, 'utf8'), mode: it.mode ?? defaultMode });
  }
  return out;
}

export interface Projection {
  configMap?: { name?: string; items?: KeyToPath[]; optional?: boolean };
  secret?: { name?: string; items?: KeyToPath[]; optional?: boolean };
  downwardAPI?: { items?: DownwardFile[] };
  serviceAccountToken?: { audience?: string; expirationSeconds?: number; path: string };
  [other: string]: unknown;
}

/** All sources merged into one directory, each written with the projected volume's defaultMode. */
export async function projectedPayload(ctx: PayloadContext, sources: Projection[] | undefined, defaultMode: number): Promise<Payload> {
  const one = async (s: Projection): Promise<Payload> => {
    if (s.configMap) return configMapPayload(ctx, s.configMap, defaultMode);
    if (s.secret) return secretPayload(ctx, s.secret, defaultMode);
    if (s.downwardAPI) return downwardPayload(ctx, s.downwardAPI.items, defaultMode);
    if (s.serviceAccountToken) {
      const t = s.serviceAccountToken;
      if (!ctx.token) throw new Error(`cannot project serviceAccountToken "${t.path}": this agent has no token source`);
      const token = await ctx.token(ctx.pod, t.audience ?? '', t.expirationSeconds ?? 3600);
      return new Map([[t.path, { data: Buffer.from(token, 'utf8'), mode: defaultMode }]]);
    }
    const kind = Object.keys(s).find((k) => s[k] !== undefined) ?? 'unknown';
    throw new Error(`projected source ${kind} is not supported on this node`);
  };
  // The sources are fetched together (kube-api-access: a TokenRequest and a ConfigMap read), then merged
  // in spec order so a later source wins a path, as before.
  const parts = await Promise.all((sources ?? []).map(one));
  const out: Payload = new Map();
  for (const p of parts) for (const [k, v] of p) out.set(k, v);
  return out;
}
