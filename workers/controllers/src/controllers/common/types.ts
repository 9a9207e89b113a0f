// The object shapes the controllers read, derived from the kube schemas so they cannot drift.
import type { z } from 'zod';
import type { KObject } from '../../../../kube/registry/types';
import type { PodSpec } from '../../../../kube/resources/core/pod/spec';
import type { podStatus } from '../../../../kube/resources/core/pod/status';
import type { ReplicaSet as RSSchema } from '../../../../kube/resources/apps/replicaset/schema';
import type { Deployment as DeploymentSchema } from '../../../../kube/resources/apps/deployment/schema';

export type { KObject };
export type PodStatus = z.infer<typeof podStatus>;
export interface Pod extends KObject {
  spec: PodSpec;
  status?: PodStatus;
}
export type ReplicaSet = RSSchema & KObject;
export type Deployment = DeploymentSchema & KObject;
export type ReplicaSetStatus = NonNullable<ReplicaSet['status']>;
export type DeploymentStatus = NonNullable<Deployment['status']>;
export type DeploymentCondition = NonNullable<DeploymentStatus['conditions']>[number];
export type PodTemplateSpec = NonNullable<NonNullable<ReplicaSet['spec']>['template']>;
export type OwnerReference = NonNullable<KObject['metadata']['ownerReferences']>[number];

/** Enough to name an object in an action: the runtime resolves it to a URL. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  uid: string;
}

export function refOf(obj: KObject): ObjectRef {
  const m = obj.metadata;
  return { apiVersion: obj.apiVersion ?? '', kind: obj.kind ?? '', ...(m.namespace ? { namespace: m.namespace } : {}), name: m.name ?? '', uid: m.uid ?? '' };
}
