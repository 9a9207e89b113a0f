// kubectl rollout restart / pause / resume / history / undo, as requests: the same patches kubectl
// sends. History and undo read the Deployment's ReplicaSets' revision annotations, as kubectl does.
import type { Obj } from '../overview/summary';

export const REVISION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

export interface Patch {
  type: 'application/strategic-merge-patch+json' | 'application/merge-patch+json' | 'application/json-patch+json';
  body: unknown;
}

/** Kinds `kubectl rollout restart` accepts; pause/resume/undo here are for Deployments only. */
export const RESTARTABLE = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

export function restartPatch(now: Date): Patch {
  return { type: 'application/strategic-merge-patch+json', body: { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: now.toISOString().replace(/\.\d{3}Z$/, 'Z') } } } } } };
}

export function pausePatch(paused: boolean): Patch {
  return { type: 'application/merge-patch+json', body: { spec: { paused } } };
}

export interface Revision {
  revision: number;
  replicaSet: string;
  changeCause?: string;
  images: string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  template: any;
}

/** The Deployment's revisions, newest first, from the ReplicaSets it controls. */
export function revisions(deployment: Obj, replicaSets: Iterable<Obj>): Revision[] {
  const uid = deployment.metadata.uid;
  const out: Revision[] = [];
  for (const rs of replicaSets) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const m = rs.metadata as any;
    const controller = (m.ownerReferences ?? []).find((o: { controller?: boolean }) => o.controller);
    if (!controller || controller.uid !== uid) continue;
    const revision = Number(m.annotations?.[REVISION]);
    if (!Number.isInteger(revision) || revision <= 0) continue;
    const template = rs.spec?.template ?? {};
    out.push({
      revision,
      replicaSet: m.name,
      changeCause: m.annotations?.[CHANGE_CAUSE],
      images: (template.spec?.containers ?? []).map((c: { image?: string }) => c.image ?? ''),
      template,
    });
  }
  return out.sort((a, b) => b.revision - a.revision);
}

/** Annotations kubectl does not copy from a ReplicaSet back onto its Deployment on rollback. */
const NOT_COPIED = new Set([REVISION, 'deployment.kubernetes.io/revision-history', 'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', 'kubectl.kubernetes.io/last-applied-configuration']);

export type UndoPlan = { ok: true; patch: Patch; revision: number } | { ok: false; message: string };

/**
 * kubectl rollout undo --to-revision=N (0: the one before the current): the revision's template
 * without its pod-template-hash label replaces the Deployment's, with the ReplicaSet's annotations.
 */
export function undoPlan(deployment: Obj, history: Revision[], toRevision = 0): UndoPlan {
  const name = deployment.metadata.name;
  if (deployment.spec?.paused) return { ok: false, message: `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${name}' and try again` };
  const target = toRevision === 0 ? history[1] : history.find((r) => r.revision === toRevision);
  if (!target) return { ok: false, message: toRevision === 0 ? `no rollout history found for deployment "${name}"` : `unable to find specified revision ${toRevision} in history` };
  const template = structuredClone(target.template);
  if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
  if (canonical(template) === canonical(deployment.spec?.template ?? {})) return { ok: false, message: `skipped rollback (current template already matches revision ${target.revision})` };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const rsAnnotations: Record<string, string> = (deploymentReplicaSetAnnotations(target) ?? {}) as any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const annotations: Record<string, string> = { ...((deployment.metadata as any).annotations ?? {}) };
  for (const [k, v] of Object.entries(rsAnnotations)) if (!NOT_COPIED.has(k)) annotations[k] = v;
  return {
    ok: true,
    revision: target.revision,
    patch: {
      type: 'application/json-patch+json',
      body: [
        { op: 'replace', path: '/spec/template', value: template },
        { op: 'replace', path: '/metadata/annotations', value: annotations },
      ],
    },
  };
}

/** A revision's change-cause travels with it (the one annotation kubectl users set on purpose). */
function deploymentReplicaSetAnnotations(r: Revision): Record<string, string> | undefined {
  return r.changeCause ? { [CHANGE_CAUSE]: r.changeCause } : undefined;
}

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));
}
