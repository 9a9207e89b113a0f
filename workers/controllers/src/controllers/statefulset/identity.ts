// A StatefulSet pod's stable identity: <set>-<ordinal>, hostname and subdomain for its DNS name, the
// identity labels, and one PersistentVolumeClaim per claim template named <template>-<set>-<ordinal>.
import { controllerRef } from '../common/controller-ref';
import { REVISION_HASH_LABEL } from '../history/revisions';
import { type Claim, type Pod, type PodTemplate, type StatefulSet, POD_INDEX_LABEL, POD_NAME_LABEL } from './types';

export const podName = (set: StatefulSet, ordinal: number) => `${set.metadata.name}-${ordinal}`;

/** The ordinal of a pod this set owns, from its name; -1 when the name is not <set>-<n>. */
export function ordinalOf(set: StatefulSet, pod: Pod): number {
  const prefix = `${set.metadata.name}-`;
  const name = pod.metadata.name ?? '';
  if (!name.startsWith(prefix)) return -1;
  const rest = name.slice(prefix.length);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : -1;
}

export const claimName = (template: string, set: StatefulSet, ordinal: number) => `${template}-${set.metadata.name}-${ordinal}`;

const owner = (set: StatefulSet) => controllerRef({ ...set, apiVersion: set.apiVersion ?? 'apps/v1', kind: set.kind ?? 'StatefulSet' } as never);

export function statefulPod(set: StatefulSet, template: PodTemplate, ordinal: number, revision: string): Pod {
  const name = podName(set, ordinal);
  const spec = structuredClone(template.spec ?? { containers: [] }) as Pod['spec'] & { volumes?: { name: string; persistentVolumeClaim?: { claimName: string } }[] };
  spec.hostname = name;
  if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
  // Claim templates replace template volumes of the same name.
  const claims = set.spec?.volumeClaimTemplates ?? [];
  const claimVolumes = claims.map((c) => ({ name: c.metadata?.name ?? '', persistentVolumeClaim: { claimName: claimName(c.metadata?.name ?? '', set, ordinal) } }));
  if (claimVolumes.length) spec.volumes = [...(spec.volumes ?? []).filter((v) => !claimVolumes.some((c) => c.name === v.name)), ...claimVolumes];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: set.metadata.namespace,
      labels: { ...(template.metadata?.labels ?? {}), [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal), [REVISION_HASH_LABEL]: revision },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [owner(set)],
    },
    spec,
  } as Pod;
}

/** The claims an ordinal needs; owned by the set when whenDeleted is Delete (the garbage collector removes them with it). */
export function statefulClaims(set: StatefulSet, ordinal: number): Claim[] {
  const deleteWithSet = set.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete';
  return (set.spec?.volumeClaimTemplates ?? []).map((t) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: claimName(t.metadata?.name ?? '', set, ordinal),
      namespace: set.metadata.namespace,
      labels: { ...(set.spec?.selector?.matchLabels ?? {}), ...(t.metadata?.labels ?? {}) },
      ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
      ...(deleteWithSet ? { ownerReferences: [{ ...owner(set), controller: false }] } : {}),
    },
    spec: structuredClone(t.spec ?? {}),
  }));
}
