// ServiceAccount admission (upstream plugin/pkg/admission/serviceaccount), for pods on create:
// spec.serviceAccountName defaults to `default`; the account must exist (403 otherwise; `default` is
// retried for a moment since the controller makes it just after the namespace); unless the pod or the
// account opts out (automountServiceAccountToken: false), the projected volume `kube-api-access-xxxxx`
// (token, kube-root-ca.crt's ca.crt, the namespace) is mounted read-only at
// /var/run/secrets/kubernetes.io/serviceaccount in every container and init container that has nothing
// there; the account's imagePullSecrets are copied to a pod that names none. Mirror pods may not use
// service accounts.
import type { KObject } from '../../../kube/registry/types';
import { forbidden } from '../../../kube/status';
import type { ResourceCtx } from '../context';
import { getObject } from '../store';

export const DEFAULT_SERVICE_ACCOUNT = 'default';
export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
export const TOKEN_VOLUME_PREFIX = 'kube-api-access-';
/** Upstream's WarnOnlyBoundTokenExpirationSeconds: the kubelet refreshes well before it. */
export const TOKEN_VOLUME_EXPIRATION_SECONDS = 3607;
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const CACHE_MS = 2_000;

export interface ServiceAccountLike {
  metadata: { name?: string; uid?: string };
  automountServiceAccountToken?: boolean;
  imagePullSecrets?: { name?: string }[];
}

interface VolumeMount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
}
interface ContainerLike {
  volumeMounts?: VolumeMount[];
}
interface PodSpecLike {
  serviceAccountName?: string;
  serviceAccount?: string;
  automountServiceAccountToken?: boolean;
  containers?: ContainerLike[];
  initContainers?: ContainerLike[];
  volumes?: ({ name: string } & Record<string, unknown>)[];
  imagePullSecrets?: { name?: string }[];
}

/** Upstream's TokenVolumeSource(), with the defaults the API would fill in. */
export function tokenVolumeSource() {
  return {
    defaultMode: 0o644,
    sources: [
      { serviceAccountToken: { expirationSeconds: TOKEN_VOLUME_EXPIRATION_SECONDS, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  };
}

export function randomSuffix(n = 5): string {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  return [...bytes].map((b) => NAME_ALPHABET[b % NAME_ALPHABET.length]).join('');
}

/** Pod's preference wins, then the account's, else true. */
export function shouldAutomount(sa: ServiceAccountLike, spec: PodSpecLike): boolean {
  if (spec.automountServiceAccountToken !== undefined) return spec.automountServiceAccountToken;
  if (sa.automountServiceAccountToken !== undefined) return sa.automountServiceAccountToken;
  return true;
}

/** Adds the kube-api-access volume and its mounts in place (upstream mountServiceAccountToken). */
export function mountServiceAccountToken(spec: PodSpecLike, suffix = randomSuffix()): void {
  const existing = (spec.volumes ?? []).find((v) => v.name.startsWith(TOKEN_VOLUME_PREFIX));
  const volumeName = existing?.name ?? `${TOKEN_VOLUME_PREFIX}${suffix}`;
  let needed = false;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if ((c.volumeMounts ?? []).some((m) => m.mountPath === TOKEN_MOUNT_PATH)) continue;
    c.volumeMounts = [...(c.volumeMounts ?? []), { name: volumeName, readOnly: true, mountPath: TOKEN_MOUNT_PATH }];
    needed = true;
  }
  if (!existing && needed) spec.volumes = [...(spec.volumes ?? []), { name: volumeName, projected: tokenVolumeSource() }];
}

/** The mutation for an account that exists (pure): mounts and imagePullSecrets. */
export function applyServiceAccount(spec: PodSpecLike, sa: ServiceAccountLike, suffix?: string): void {
  if (shouldAutomount(sa, spec)) mountServiceAccountToken(spec, suffix);
  if (!spec.imagePullSecrets?.length && sa.imagePullSecrets?.length) spec.imagePullSecrets = sa.imagePullSecrets.map((s) => ({ name: s.name }));
}

const cache = new Map<string, { sa: ServiceAccountLike; until: number }>();

async function lookup(ctx: ResourceCtx, namespace: string, name: string): Promise<ServiceAccountLike | undefined> {
  const key = `${namespace}/${name}`;
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.sa;
  // `default` is made by the controller right after its namespace: wait for it a little, as upstream.
  const attempts = name === DEFAULT_SERVICE_ACCOUNT ? 20 : 1;
  for (let i = 0; i < attempts; i++) {
    if (i) await new Promise((r) => setTimeout(r, 100 + Math.floor(Math.random() * 100)));
    const row = await getObject(ctx.db, { resource: 'serviceaccounts', namespace, name });
    if (row) {
      const sa = JSON.parse(row.json) as ServiceAccountLike;
      if (cache.size > 5_000) cache.clear();
      cache.set(key, { sa, until: Date.now() + CACHE_MS });
      return sa;
    }
  }
  return undefined;
}

export async function admitServiceAccount(ctx: ResourceCtx, obj: KObject): Promise<void> {
  if (ctx.def.group !== '' || ctx.def.kind !== 'Pod') return;
  const spec = (obj.spec ?? {}) as PodSpecLike;
  const podName = obj.metadata.name ?? '';
  const deny = (why: string) => forbidden(`pods "${podName}" is forbidden: ${why}`, { name: podName, kind: 'pods' });
  if (obj.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined) {
    if (spec.serviceAccountName) throw deny('a mirror pod may not reference service accounts');
    return;
  }
  if (!spec.serviceAccountName) spec.serviceAccountName = DEFAULT_SERVICE_ACCOUNT;
  spec.serviceAccount = spec.serviceAccountName;
  const namespace = obj.metadata.namespace ?? '';
  const sa = await lookup(ctx, namespace, spec.serviceAccountName);
  if (!sa) throw deny(`error looking up service account ${namespace}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`);
  applyServiceAccount(spec, sa);
  obj.spec = spec as Record<string, unknown>;
}
