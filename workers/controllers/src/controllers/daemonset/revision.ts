// ControllerRevisions of a DaemonSet: one per distinct template, named <ds>-<hash>, holding the
// template as a replace patch (what `kubectl rollout undo` applies back) and a revision number; going
// back to an old template moves that revision to the top, as upstream's history does.
import { controllerRef } from '../common/controller-ref';
import { podTemplateHash } from '../deployment/hash';
import { REVISION_HASH_LABEL, type ControllerRevision, type DaemonSet } from './types';

export function templateHash(ds: DaemonSet): string {
  return podTemplateHash(ds.spec?.template as never, ds.status?.collisionCount);
}

export function revisionData(ds: DaemonSet) {
  return { spec: { template: { ...structuredClone(ds.spec?.template ?? {}), $patch: 'replace' } } };
}

export interface RevisionPlan {
  create?: ControllerRevision;
  /** An existing revision of this template that must move to the top. */
  bump?: { name: string; revision: number };
  prune: string[];
  /** The revision number the current template has (after create/bump). */
  current: number;
}

export function planRevisions(ds: DaemonSet, revisions: ControllerRevision[], hash: string, hashesInUse: Set<string>): RevisionPlan {
  const name = `${(ds.metadata.name ?? '').slice(0, 223)}-${hash}`;
  const max = revisions.reduce((m, r) => Math.max(m, r.revision), 0);
  const existing = revisions.find((r) => r.metadata.name === name);
  const plan: RevisionPlan = { prune: [], current: existing?.revision ?? max + 1 };
  if (!existing) {
    const owner = { ...ds, apiVersion: ds.apiVersion ?? 'apps/v1', kind: ds.kind ?? 'DaemonSet' };
    plan.create = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: { name, namespace: ds.metadata.namespace, labels: { ...(ds.spec?.template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash }, ownerReferences: [controllerRef(owner as never)] },
      data: revisionData(ds),
      revision: max + 1,
    } as ControllerRevision;
  } else if (existing.revision < max) {
    plan.bump = { name, revision: max + 1 };
    plan.current = max + 1;
  }
  const limit = ds.spec?.revisionHistoryLimit ?? 10;
  const old = revisions.filter((r) => r.metadata.name !== name && !hashesInUse.has(r.metadata.labels?.[REVISION_HASH_LABEL] ?? '')).sort((a, b) => a.revision - b.revision);
  if (old.length > limit) plan.prune = old.slice(0, old.length - limit).map((r) => r.metadata.name ?? '');
  return plan;
}
