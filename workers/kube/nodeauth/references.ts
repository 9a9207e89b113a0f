// What a pod references, as upstream's node authorizer graph records it: the Secrets, ConfigMaps,
// PersistentVolumeClaims and ServiceAccount a node may read because one of its pods uses them.
export interface PodRefs {
  secrets: Set<string>;
  configMaps: Set<string>;
  claims: Set<string>;
  serviceAccount: string;
}

type Env = { valueFrom?: { secretKeyRef?: { name?: string }; configMapKeyRef?: { name?: string } } };
type EnvFrom = { secretRef?: { name?: string }; configMapRef?: { name?: string } };
type Container = { env?: Env[]; envFrom?: EnvFrom[] };
type Projection = { secret?: { name?: string }; configMap?: { name?: string } };
type Volume = {
  secret?: { secretName?: string };
  configMap?: { name?: string };
  persistentVolumeClaim?: { claimName?: string };
  projected?: { sources?: Projection[] };
  csi?: { nodePublishSecretRef?: { name?: string } };
  ephemeral?: unknown;
};
export interface PodSpecLike {
  serviceAccountName?: string;
  imagePullSecrets?: { name?: string }[];
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
  volumes?: (Volume & { name?: string })[];
}

export function podReferences(podName: string, spec: PodSpecLike | undefined): PodRefs {
  const refs: PodRefs = { secrets: new Set(), configMaps: new Set(), claims: new Set(), serviceAccount: spec?.serviceAccountName || 'default' };
  const add = (set: Set<string>, name: string | undefined) => {
    if (name) set.add(name);
  };
  for (const s of spec?.imagePullSecrets ?? []) add(refs.secrets, s.name);
  for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? []), ...(spec?.ephemeralContainers ?? [])]) {
    for (const e of c.env ?? []) {
      add(refs.secrets, e.valueFrom?.secretKeyRef?.name);
      add(refs.configMaps, e.valueFrom?.configMapKeyRef?.name);
    }
    for (const e of c.envFrom ?? []) {
      add(refs.secrets, e.secretRef?.name);
      add(refs.configMaps, e.configMapRef?.name);
    }
  }
  for (const v of spec?.volumes ?? []) {
    add(refs.secrets, v.secret?.secretName);
    add(refs.configMaps, v.configMap?.name);
    add(refs.claims, v.persistentVolumeClaim?.claimName);
    add(refs.secrets, v.csi?.nodePublishSecretRef?.name);
    // A generic ephemeral volume's claim is named <pod>-<volume>.
    if (v.ephemeral && v.name) refs.claims.add(`${podName}-${v.name}`);
    for (const p of v.projected?.sources ?? []) {
      add(refs.secrets, p.secret?.name);
      add(refs.configMaps, p.configMap?.name);
    }
  }
  return refs;
}

/** Node identities: `system:node:<name>` in the `system:nodes` group. */
export function nodeNameOf(user: { name: string; groups: string[] }): string | undefined {
  if (!user.groups.includes('system:nodes') || !user.name.startsWith('system:node:')) return undefined;
  const name = user.name.slice('system:node:'.length);
  return name === '' ? undefined : name;
}

/** The value a field selector requires for `field` with `=`/`==` (undefined when not pinned). */
export function pinnedField(fieldSelector: string | undefined, field: string): string | undefined {
  for (const term of (fieldSelector ?? '').split(',')) {
    const m = /^\s*([^=!\s]+)\s*==?\s*(.*?)\s*$/.exec(term);
    if (m && m[1] === field) return m[2];
  }
  return undefined;
}
