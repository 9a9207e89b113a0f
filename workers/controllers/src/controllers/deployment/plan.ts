// The working state of one Deployment pass: copies of what the pass changes and the actions that
// would make the cluster match. Decisions read and change the copies; nothing here does I/O.
import type { Deployment, DeploymentStatus, Pod, ReplicaSet } from '../common/types';

export type DeploymentAction =
  /** Create this ReplicaSet (named, labelled, owned and annotated). */
  | { type: 'createReplicaSet'; replicaSet: ReplicaSet }
  /** Write this ReplicaSet (spec.replicas, spec.minReadySeconds, annotations) with its resourceVersion. */
  | { type: 'updateReplicaSet'; replicaSet: ReplicaSet }
  /** Delete an old ReplicaSet beyond revisionHistoryLimit. */
  | { type: 'deleteReplicaSet'; replicaSet: ReplicaSet }
  /** Patch the Deployment's controller reference onto an orphan ReplicaSet. */
  | { type: 'adoptReplicaSet'; replicaSet: ReplicaSet }
  /** Remove the Deployment's reference from a ReplicaSet its selector no longer matches. */
  | { type: 'releaseReplicaSet'; replicaSet: ReplicaSet }
  /** Merge these annotations into the Deployment's metadata (the revision it is at). */
  | { type: 'setDeploymentAnnotations'; annotations: Record<string, string> }
  /** Write the status subresource. */
  | { type: 'updateStatus'; status: DeploymentStatus };

export class Plan {
  readonly actions: DeploymentAction[] = [];
  /** The Deployment as this pass sees it (status is the old one until the end). */
  readonly d: Deployment;
  /** Working status: conditions and collisionCount change during the pass. */
  status: DeploymentStatus;
  /** ReplicaSets this Deployment owns, updated in place as the pass decides. */
  replicaSets: ReplicaSet[] = [];
  /** Every ReplicaSet in the namespace, owned or not: names a new ReplicaSet must not collide with. */
  namespaceReplicaSets: ReplicaSet[] = [];
  /** Pods of the owned ReplicaSets by ReplicaSet uid. */
  podsByReplicaSet = new Map<string, Pod[]>();
  requeueAfterSeconds?: number;

  constructor(
    d: Deployment,
    readonly now: Date,
  ) {
    this.d = structuredClone(d);
    this.status = structuredClone(d.status ?? {});
  }

  /** Replaces the working copy of `rs` and records the write, folded into an earlier create or update. */
  update(rs: ReplicaSet): ReplicaSet {
    const name = rs.metadata.name;
    this.replicaSets = this.replicaSets.map((r) => (r.metadata.name === name ? rs : r));
    const earlier = this.actions.find(
      (a) => (a.type === 'createReplicaSet' || a.type === 'updateReplicaSet') && a.replicaSet.metadata.name === name,
    ) as { replicaSet: ReplicaSet } | undefined;
    if (earlier) earlier.replicaSet = rs;
    else this.actions.push({ type: 'updateReplicaSet', replicaSet: rs });
    return rs;
  }

  create(rs: ReplicaSet): ReplicaSet {
    this.replicaSets.push(rs);
    this.actions.push({ type: 'createReplicaSet', replicaSet: rs });
    return rs;
  }

  remove(rs: ReplicaSet): void {
    this.replicaSets = this.replicaSets.filter((r) => r.metadata.name !== rs.metadata.name);
    this.actions.push({ type: 'deleteReplicaSet', replicaSet: rs });
  }

  setDeploymentAnnotation(key: string, value: string): boolean {
    const a = (this.d.metadata.annotations ??= {});
    if (a[key] === value) return false;
    a[key] = value;
    const earlier = this.actions.find((x) => x.type === 'setDeploymentAnnotations');
    if (earlier?.type === 'setDeploymentAnnotations') earlier.annotations[key] = value;
    else this.actions.push({ type: 'setDeploymentAnnotations', annotations: { [key]: value } });
    return true;
  }

  /** The working copy of `rs` (it may have been replaced by an update earlier in the pass). */
  current(rs: ReplicaSet): ReplicaSet;
  current(rs: ReplicaSet | undefined): ReplicaSet | undefined;
  current(rs: ReplicaSet | undefined): ReplicaSet | undefined {
    if (!rs) return undefined;
    return this.replicaSets.find((r) => r.metadata.name === rs.metadata.name) ?? rs;
  }

  requeueAfter(seconds: number): void {
    if (this.requeueAfterSeconds === undefined || seconds < this.requeueAfterSeconds) this.requeueAfterSeconds = seconds;
  }
}
