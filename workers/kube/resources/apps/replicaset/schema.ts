// apps/v1 ReplicaSet: keeps a number of pods from one template running.
import { z } from 'zod';
import { int32, int64, kobject, labelSelector, mapList, time } from '../../../schemas/meta';
import { podTemplateSpec } from '../../core/pod/spec';
import { appsId, opt, req } from '../common/util';

export const replicaSetSpec = z
  .strictObject({
    replicas: opt(int32(), 'Desired number of pods; defaults to 1.'),
    minReadySeconds: opt(int32(), 'Seconds a new pod must be ready, without crashing, to count as available.'),
    selector: opt(labelSelector, 'Required. Which pods count toward the replicas; must match the template labels and cannot change.'),
    template: opt(podTemplateSpec, 'The pods created when too few exist.'),
  })
  .meta({ id: appsId('ReplicaSetSpec'), description: 'The desired state of a ReplicaSet.' });

export const replicaSetCondition = z
  .strictObject({
    type: req(z.string(), 'Condition type, e.g. ReplicaFailure.'),
    status: req(z.string(), 'True, False or Unknown.'),
    lastTransitionTime: opt(time(), 'When the status last changed.'),
    reason: opt(z.string(), 'Machine-readable cause of the last transition.'),
    message: opt(z.string(), 'Human-readable details.'),
  })
  .meta({ id: appsId('ReplicaSetCondition'), description: 'One observed aspect of a ReplicaSet.' });

export const replicaSetStatus = z
  .strictObject({
    replicas: opt(int32(), 'Pods currently owned.'),
    fullyLabeledReplicas: opt(int32(), 'Pods whose labels match the template labels.'),
    readyReplicas: opt(int32(), 'Pods with a Ready condition.'),
    availableReplicas: opt(int32(), 'Pods ready for at least minReadySeconds.'),
    terminatingReplicas: opt(int32(), 'Pods being deleted (newer servers only).'),
    observedGeneration: opt(int64(), 'The generation the controller last acted on.'),
    conditions: opt(mapList(replicaSetCondition, 'type'), 'Latest observations.'),
  })
  .meta({ id: appsId('ReplicaSetStatus'), description: 'The observed state of a ReplicaSet.' });

export const replicaSet = kobject(appsId('ReplicaSet'), 'Keeps a stable number of identical pods running; usually managed by a Deployment.', {
  spec: opt(replicaSetSpec, 'Desired behavior of the replica set.'),
  status: opt(replicaSetStatus, 'Most recently observed state; written by the system.'),
});

export type ReplicaSet = z.infer<typeof replicaSet>;
