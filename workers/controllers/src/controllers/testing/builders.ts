// Builders for tests: small objects with only what a case is about.
import { controllerRef } from '../common/controller-ref';
import { timestamp } from '../common/time';
import type { Deployment, KObject, Pod, ReplicaSet } from '../common/types';

export const T0 = new Date('2024-01-01T00:00:00Z');
export const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
export const ts = (seconds: number) => timestamp(at(seconds));

export interface PodOpts {
  uid?: string;
  labels?: Record<string, string>;
  owner?: KObject;
  node?: string;
  phase?: string;
  /** Ready since this many seconds after T0. */
  readySince?: number;
  restarts?: number;
  created?: number;
  deleting?: boolean;
  cost?: number;
  annotations?: Record<string, string>;
}

export function pod(name: string, o: PodOpts = {}): Pod {
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: o.uid ?? `uid-${name}`, labels: o.labels ?? { app: 'web' }, creationTimestamp: ts(o.created ?? 0) },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...(o.node ? { nodeName: o.node } : {}) },
    status: { phase: o.phase ?? (o.readySince !== undefined ? 'Running' : 'Pending') },
  };
  if (o.owner) p.metadata.ownerReferences = [controllerRef(o.owner)];
  if (o.deleting) p.metadata.deletionTimestamp = ts(0);
  if (o.cost !== undefined) p.metadata.annotations = { 'controller.kubernetes.io/pod-deletion-cost': String(o.cost) };
  if (o.annotations) p.metadata.annotations = { ...p.metadata.annotations, ...o.annotations };
  if (o.readySince !== undefined) p.status!.conditions = [{ type: 'Ready', status: 'True', lastTransitionTime: ts(o.readySince) }];
  if (o.restarts !== undefined) p.status!.containerStatuses = [{ name: 'c', ready: true, restartCount: o.restarts, image: 'nginx', imageID: '' }];
  return p;
}

export interface RSOpts {
  uid?: string;
  replicas?: number;
  labels?: Record<string, string>;
  minReadySeconds?: number;
  generation?: number;
  owner?: KObject;
  revision?: number;
  created?: number;
  image?: string;
  status?: ReplicaSet['status'];
  annotations?: Record<string, string>;
}

export function replicaSet(name: string, o: RSOpts = {}): ReplicaSet {
  const labels = o.labels ?? { app: 'web' };
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', uid: o.uid ?? `uid-${name}`, generation: o.generation ?? 1, creationTimestamp: ts(o.created ?? 0), labels: { ...labels } },
    spec: {
      replicas: o.replicas ?? 1,
      minReadySeconds: o.minReadySeconds ?? 0,
      selector: { matchLabels: { ...labels } },
      template: { metadata: { labels: { ...labels } }, spec: { containers: [{ name: 'c', image: o.image ?? 'nginx' }] } },
    },
  };
  if (o.owner) rs.metadata.ownerReferences = [controllerRef(o.owner)];
  const annotations = { ...(o.revision !== undefined ? { 'deployment.kubernetes.io/revision': String(o.revision) } : {}), ...(o.annotations ?? {}) };
  if (Object.keys(annotations).length) rs.metadata.annotations = annotations;
  if (o.status) rs.status = o.status;
  return rs;
}

export interface DeploymentOpts {
  replicas?: number;
  maxSurge?: number | string;
  maxUnavailable?: number | string;
  strategy?: 'RollingUpdate' | 'Recreate';
  image?: string;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
  minReadySeconds?: number;
  paused?: boolean;
  generation?: number;
  annotations?: Record<string, string>;
}

export function deployment(name: string, o: DeploymentOpts = {}): Deployment {
  const strategy =
    o.strategy === 'Recreate'
      ? { type: 'Recreate' }
      : { type: 'RollingUpdate', rollingUpdate: { maxSurge: o.maxSurge ?? '25%', maxUnavailable: o.maxUnavailable ?? '25%' } };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, generation: o.generation ?? 1, ...(o.annotations ? { annotations: { ...o.annotations } } : {}) },
    spec: {
      replicas: o.replicas ?? 3,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'c', image: o.image ?? 'nginx:1', resources: {}, terminationMessagePath: '/dev/termination-log' }] },
      },
      strategy,
      revisionHistoryLimit: o.revisionHistoryLimit ?? 10,
      progressDeadlineSeconds: o.progressDeadlineSeconds ?? 600,
      minReadySeconds: o.minReadySeconds ?? 0,
      ...(o.paused ? { paused: true } : {}),
    },
  };
}
