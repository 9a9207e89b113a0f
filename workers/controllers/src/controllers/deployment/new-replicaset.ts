// Finding or creating the ReplicaSet for the Deployment's current template.
import { controllerOf, controllerRef } from '../common/controller-ref';
import type { ReplicaSet } from '../common/types';
import { newCondition, PROGRESSING, Reason, setCondition } from './conditions';
import { POD_TEMPLATE_HASH, podTemplateHash, templatesEqual } from './hash';
import type { Plan } from './plan';
import { maxRevision, REVISION, setNewReplicaSetAnnotations } from './revision';
import { findNewReplicaSet, syncExistingNewReplicaSet } from './rollback';
import { desiredReplicas, hasProgressDeadline, isRollingUpdate, maxSurge, specReplicas } from './util';

export interface Family {
  newRS?: ReplicaSet;
  oldRSs: ReplicaSet[];
}

/** Size for the new ReplicaSet: Recreate goes straight to the desired size; rolling stays within the surge. */
export function newReplicaSetReplicas(plan: Plan, newRS: ReplicaSet, all: ReplicaSet[]): number {
  const d = plan.d;
  const current = newRS.spec?.replicas ?? 0;
  if (!isRollingUpdate(d)) return desiredReplicas(d);
  const maxTotal = desiredReplicas(d) + maxSurge(d);
  // Upstream sums only the sizes asked for. A ReplicaSet that was just scaled down still has its
  // pods until its controller deletes them (status.replicas says how many), so counting them too
  // keeps the live pods within the surge at every moment, not only once everything has caught up.
  const total = all.reduce((n, rs) => n + Math.max(specReplicas(rs), rs.status?.replicas ?? 0), 0);
  if (total >= maxTotal) return current;
  return current + Math.min(maxTotal - total, desiredReplicas(d) - current);
}

/**
 * The name `<deployment>-<hash>`, bumping status.collisionCount while the name is taken by a
 * ReplicaSet that is not ours with this template (upstream learns of it from AlreadyExists on create).
 */
function freeName(plan: Plan, taken: ReplicaSet[]): { hash: string; existing?: ReplicaSet } {
  const d = plan.d;
  for (;;) {
    const hash = podTemplateHash(d.spec?.template, plan.status.collisionCount);
    const clash = taken.find((rs) => rs.metadata.name === `${d.metadata.name}-${hash}`);
    if (!clash) return { hash };
    const ours = controllerOf(clash)?.uid === d.metadata.uid && templatesEqual(clash.spec?.template, d.spec?.template);
    if (ours) return { hash, existing: clash };
    plan.status.collisionCount = (plan.status.collisionCount ?? 0) + 1;
  }
}

function createNewReplicaSet(plan: Plan, oldRSs: ReplicaSet[], newRevision: number, allInNamespace: ReplicaSet[]): ReplicaSet {
  const d = plan.d;
  const { hash, existing } = freeName(plan, allInNamespace);
  if (existing) return existing;
  const template = structuredClone(d.spec?.template ?? {});
  const labels = { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash };
  template.metadata = { ...(template.metadata ?? {}), labels };
  const selector = structuredClone(d.spec?.selector ?? {});
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash };
  const owner = { ...d, apiVersion: d.apiVersion ?? 'apps/v1', kind: d.kind ?? 'Deployment' };
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `${d.metadata.name}-${hash}`, namespace: d.metadata.namespace, labels: { ...labels }, ownerReferences: [controllerRef(owner)] },
    spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
  };
  rs.spec!.replicas = newReplicaSetReplicas(plan, rs, [...oldRSs, rs]);
  setNewReplicaSetAnnotations(d, rs, newRevision, false, maxSurge(d));
  plan.create(rs);
  plan.setDeploymentAnnotation(REVISION, String(newRevision));
  const msg = `Created new replica set "${rs.metadata.name}"`;
  if (hasProgressDeadline(d)) {
    setCondition(plan.status, newCondition(PROGRESSING, 'True', Reason.NewReplicaSetCreated, msg, plan.now));
  }
  return rs;
}

/**
 * Splits the owned ReplicaSets into the new one and the old ones, syncing the new one's revision.
 * With `create`, a missing new ReplicaSet is created (its revision one above the old maximum).
 */
export function newAndOld(plan: Plan, create: boolean): Family {
  const found = findNewReplicaSet(plan);
  const oldRSs = plan.replicaSets.filter((rs) => rs !== found);
  const newRevision = maxRevision(oldRSs) + 1;
  if (found) return { newRS: syncExistingNewReplicaSet(plan, found, newRevision), oldRSs };
  if (!create) return { oldRSs };
  const taken = [...plan.namespaceReplicaSets.filter((r) => !plan.replicaSets.some((o) => o.metadata.name === r.metadata.name)), ...plan.replicaSets];
  return { newRS: createNewReplicaSet(plan, oldRSs, newRevision, taken), oldRSs };
}
