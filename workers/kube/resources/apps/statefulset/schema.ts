// apps/v1 StatefulSet: pods with stable names and storage, created and updated in order.
import { z } from 'zod';
import { int32, int64, intOrString, kobject, labelSelector, mapList, time, atomicList } from '../../../schemas/meta';
import { podTemplateSpec } from '../../core/pod/spec';
import { persistentVolumeClaim } from '../../core/pvc';
import { appsId, opt, req } from '../common/util';

export const rollingUpdateStatefulSetStrategy = z
  .strictObject({
    partition: opt(int32(), 'Only pods with an ordinal at or above this are updated; defaults to 0.'),
    maxUnavailable: opt(intOrString(), 'Pods that may be unavailable during the update (needs the MaxUnavailableStatefulSet feature).'),
  })
  .meta({ id: appsId('RollingUpdateStatefulSetStrategy'), description: 'Pacing of a StatefulSet rolling update.' });

export const statefulSetUpdateStrategy = z
  .strictObject({
    type: opt(z.string(), 'RollingUpdate (the default) or OnDelete.'),
    rollingUpdate: opt(rollingUpdateStatefulSetStrategy, 'Pacing of a RollingUpdate.'),
  })
  .meta({ id: appsId('StatefulSetUpdateStrategy'), description: 'How pods are replaced when the template changes.' });

export const statefulSetPersistentVolumeClaimRetentionPolicy = z
  .strictObject({
    whenDeleted: opt(z.string(), 'Retain (the default) or Delete the claims when the set is deleted.'),
    whenScaled: opt(z.string(), 'Retain (the default) or Delete the claims of pods removed by scaling down.'),
  })
  .meta({ id: appsId('StatefulSetPersistentVolumeClaimRetentionPolicy'), description: 'What happens to claims created from the templates.' });

export const statefulSetOrdinals = z
  .strictObject({ start: opt(int32(), 'First ordinal used in pod names; defaults to 0.') })
  .meta({ id: appsId('StatefulSetOrdinals'), description: 'Numbering of the pods of the set.' });

export const statefulSetSpec = z
  .strictObject({
    replicas: opt(int32(), 'Desired number of pods; defaults to 1.'),
    selector: opt(labelSelector, 'Required. Which pods belong to the set; must match the template labels.'),
    template: opt(podTemplateSpec, 'Required. The pods to run; each also gets the claim template volumes.'),
    volumeClaimTemplates: opt(atomicList(persistentVolumeClaim), 'Claims created per pod and mounted by name.'),
    serviceName: opt(z.string(), 'Headless service that gives the pods their DNS names.'),
    podManagementPolicy: opt(z.string(), 'OrderedReady (the default) or Parallel.'),
    updateStrategy: opt(statefulSetUpdateStrategy, 'How pods are replaced when the template changes.'),
    revisionHistoryLimit: opt(int32(), 'Old revisions kept; defaults to 10.'),
    minReadySeconds: opt(int32(), 'Seconds a new pod must be ready, without crashing, to count as available.'),
    persistentVolumeClaimRetentionPolicy: opt(statefulSetPersistentVolumeClaimRetentionPolicy, 'Lifecycle of the claims.'),
    ordinals: opt(statefulSetOrdinals, 'Numbering of the pods.'),
  })
  .meta({ id: appsId('StatefulSetSpec'), description: 'The desired state of a StatefulSet.' });

export const statefulSetCondition = z
  .strictObject({
    type: req(z.string(), 'Condition type.'),
    status: req(z.string(), 'True, False or Unknown.'),
    lastTransitionTime: opt(time(), 'When the status last changed.'),
    reason: opt(z.string(), 'Machine-readable cause of the last transition.'),
    message: opt(z.string(), 'Human-readable details.'),
  })
  .meta({ id: appsId('StatefulSetCondition'), description: 'One observed aspect of a StatefulSet.' });

export const statefulSetStatus = z
  .strictObject({
    observedGeneration: opt(int64(), 'The generation the controller last acted on.'),
    replicas: opt(int32(), 'Pods created by the controller.'),
    readyReplicas: opt(int32(), 'Pods with a Ready condition.'),
    currentReplicas: opt(int32(), 'Pods running the currentRevision.'),
    updatedReplicas: opt(int32(), 'Pods running the updateRevision.'),
    currentRevision: opt(z.string(), 'Revision of the pods up to currentReplicas.'),
    updateRevision: opt(z.string(), 'Revision being rolled out.'),
    collisionCount: opt(int32(), 'Counter mixed into revision names to avoid hash collisions.'),
    conditions: opt(mapList(statefulSetCondition, 'type'), 'Latest observations.'),
    availableReplicas: opt(int32(), 'Pods ready for at least minReadySeconds.'),
  })
  .meta({ id: appsId('StatefulSetStatus'), description: 'The observed state of a StatefulSet.' });

export const statefulSet = kobject(appsId('StatefulSet'), 'Runs pods with stable identities and per-pod storage.', {
  spec: opt(statefulSetSpec, 'Desired behavior of the set.'),
  status: opt(statefulSetStatus, 'Most recently observed state; written by the system.'),
});

export type StatefulSet = z.infer<typeof statefulSet>;
export type StatefulSetSpec = z.infer<typeof statefulSetSpec>;
