// The pod a DaemonSet creates for one node: its template pinned to the node with a required
// matchFields metadata.name term (so the default scheduler still checks resources and ports, as
// upstream's ScheduleDaemonSetPods does), labelled with the revision hash, tolerating node conditions.
import { controllerRef } from '../common/controller-ref';
import { withDaemonTolerations } from './eligibility';
import { REVISION_HASH_LABEL, TEMPLATE_GENERATION_LABEL, type DaemonSet, type Pod } from './types';

export function daemonPod(ds: DaemonSet, nodeName: string, hash: string): Pod {
  const t = ds.spec?.template ?? {};
  const spec = structuredClone(t.spec ?? { containers: [] }) as Pod['spec'] & Record<string, unknown>;
  const affinity = (spec.affinity ?? {}) as Record<string, unknown> & { nodeAffinity?: Record<string, unknown> };
  affinity.nodeAffinity = {
    ...(affinity.nodeAffinity ?? {}),
    requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] },
  };
  spec.affinity = affinity as never;
  spec.tolerations = withDaemonTolerations(spec.tolerations as never, spec.hostNetwork === true) as never;
  const owner = { ...ds, apiVersion: ds.apiVersion ?? 'apps/v1', kind: ds.kind ?? 'DaemonSet' };
  const name = ds.metadata.name ?? '';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${name}-`,
      namespace: ds.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash, [TEMPLATE_GENERATION_LABEL]: String(ds.metadata.generation ?? 1) },
      ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
      ownerReferences: [controllerRef(owner as never)],
    },
    spec,
  } as Pod;
}

/** The node a daemon pod is for: where it is bound, else the node its required affinity pins. */
export function daemonPodNode(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = (pod.spec?.affinity as { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: { matchFields?: { key: string; operator: string; values?: string[] }[] }[] } } } | undefined)?.nodeAffinity
    ?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  for (const term of terms ?? []) for (const f of term.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  return undefined;
}
