// A tiny in-memory cluster for tests: applies Deployment and ReplicaSet decisions, plays the kubelet.
import { isPodReady } from '../common/pods';
import { timestamp } from '../common/time';
import type { Deployment, Pod, ReplicaSet } from '../common/types';
import { reconcileDeployment, type DeploymentDecision } from '../deployment';
import { podFromTemplate, reconcileReplicaSet } from '../replicaset';
import { T0 } from './builders';

export class Cluster {
  rss: ReplicaSet[] = [];
  pods: Pod[] = [];
  clock = T0.getTime();
  private seq = 0;
  last?: DeploymentDecision;

  constructor(public d: Deployment) {}

  get now(): Date {
    return new Date(this.clock);
  }

  tick(seconds = 1): void {
    this.clock += seconds * 1000;
  }

  private uid(prefix: string): string {
    return `${prefix}-${++this.seq}`;
  }

  /** Edits the Deployment spec as a user would (the generation goes up). */
  edit(change: (d: Deployment) => void): void {
    change(this.d);
    this.d.metadata.generation = (this.d.metadata.generation ?? 1) + 1;
  }

  deploymentPass(): DeploymentDecision {
    const dec = reconcileDeployment(this.d, this.rss, this.pods, this.now);
    for (const a of dec.actions) {
      if (a.type === 'createReplicaSet') {
        const rs = structuredClone(a.replicaSet);
        rs.metadata.uid = this.uid('rs');
        rs.metadata.generation = 1;
        rs.metadata.creationTimestamp = timestamp(this.now);
        this.rss.push(rs);
      } else if (a.type === 'updateReplicaSet' || a.type === 'adoptReplicaSet' || a.type === 'releaseReplicaSet') {
        const i = this.rss.findIndex((r) => r.metadata.name === a.replicaSet.metadata.name);
        const old = this.rss[i];
        const next = { ...structuredClone(a.replicaSet), status: old.status };
        if (JSON.stringify(next.spec) !== JSON.stringify(old.spec)) next.metadata.generation = (old.metadata.generation ?? 1) + 1;
        this.rss[i] = next;
      } else if (a.type === 'deleteReplicaSet') {
        const uid = a.replicaSet.metadata.uid;
        this.rss = this.rss.filter((r) => r.metadata.uid !== uid);
        // The garbage collector would remove its pods; its pods are already gone (it was empty).
      } else if (a.type === 'setDeploymentAnnotations') {
        this.d.metadata.annotations = { ...(this.d.metadata.annotations ?? {}), ...a.annotations };
      } else if (a.type === 'updateStatus') {
        this.d.status = structuredClone(a.status);
      }
    }
    this.last = dec;
    return dec;
  }

  replicaSetPass(): void {
    for (const rs of this.rss) {
      const dec = reconcileReplicaSet(rs, this.pods, this.now);
      const gone = new Set(dec.delete.map((p) => p.metadata.uid));
      this.pods = this.pods.filter((p) => !gone.has(p.metadata.uid));
      for (let i = 0; i < dec.create; i++) {
        const p = podFromTemplate(rs);
        p.metadata.name = `${p.metadata.generateName}${++this.seq}`;
        p.metadata.uid = this.uid('pod');
        p.metadata.creationTimestamp = timestamp(this.now);
        p.status = { phase: 'Pending' };
        this.pods.push(p);
      }
      rs.status = dec.status;
    }
  }

  /** The kubelet: every pending pod starts and becomes ready now. */
  startPods(): void {
    for (const p of this.pods) {
      if (isPodReady(p)) continue;
      p.status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: timestamp(this.now) }] };
    }
  }

  podsOf(rs: ReplicaSet): Pod[] {
    return this.pods.filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === rs.metadata.uid));
  }

  rsByRevision(): { revision: string; name: string; replicas: number }[] {
    return this.rss
      .map((r) => ({ revision: r.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '', name: r.metadata.name ?? '', replicas: r.spec?.replicas ?? 0 }))
      .sort((a, b) => Number(a.revision) - Number(b.revision));
  }

  /** Deployment pass, ReplicaSet pass, kubelet, clock: until nothing changes or `max` rounds. */
  settle(max = 40, check?: () => void): number {
    for (let round = 1; round <= max; round++) {
      const before = JSON.stringify([this.rss, this.pods, this.d]);
      this.deploymentPass();
      this.replicaSetPass();
      check?.();
      this.startPods();
      check?.();
      this.tick();
      if (JSON.stringify([this.rss, this.pods, this.d]).replace(/\d{4}-\d\d-\d\dT[\d:]+Z/g, '') === before.replace(/\d{4}-\d\d-\d\dT[\d:]+Z/g, '')) return round;
    }
    return max;
  }
}
