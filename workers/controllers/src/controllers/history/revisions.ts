// ControllerRevisions of a DaemonSet or StatefulSet: one per distinct template, named <owner>-<hash>,
// holding the template as a replace patch (what `kubectl rollout undo` applies back) and a revision
// number; going back to an old template moves that revision to the top, as upstream's history does.
import type { KObject } from '../common/types';
import { controllerRef } from '../common/controller-ref';
import { podTemplateHash } from '../deployment/hash';

export const REVISION_HASH_LABEL = 'controller-revision-hash';

export interface ControllerRevision extends KObject {
  data?: unknown;
  revision: number;
}

/** What history needs of its owner: a pod template and a history limit. */
export interface Versioned extends KObject {
  spec?: { template?: { metadata?: { labels?: Record<string, string> } } & Record<string, unknown>; revisionHistoryLimit?: number };
  status?: { collisionCount?: number };
}

export function templateHash(ds: Versioned): string {
  return podTemplateHash(ds.spec?.template as never, ds.status?.collisionCount);
}

export function revisionData(ds: Versioned) {
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

export function planRevisions(ds: Versioned, revisions: ControllerRevision[], hash: string, hashesInUse: Set<string>, ownerKind = 'DaemonSet'): RevisionPlan {
  const name = `${(ds.metadata.name ?? '').slice(0, 223)}-${hash}`;
  const max = revisions.reduce((m, r) => Math.max(m, r.revision), 0);
  const existing = revisions.find((r) => r.metadata.name === name);
  const plan: RevisionPlan = { prune: [], current: existing?.revision ?? max + 1 };
  if (!existing) {
    const owner = { ...ds, apiVersion: ds.apiVersion ?? 'apps/v1', kind: ds.kind ?? ownerKind };
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
