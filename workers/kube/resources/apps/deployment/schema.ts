// apps/v1 Deployment: declarative rollouts of a ReplicaSet-managed pod template.
import { z } from 'zod';
import { int32, int64, intOrString, kobject, labelSelector, mapList, time } from '../../../schemas/meta';
import { podTemplateSpec } from '../../core/pod/spec';
import { appsId, opt, req } from '../common/util';

export const rollingUpdateDeployment = z
  .strictObject({
    maxUnavailable: opt(intOrString(), 'How many pods (or what percentage of desired pods) may be unavailable during the update; default 25%.'),
    maxSurge: opt(intOrString(), 'How many pods (or what percentage) may exist above the desired count during the update; default 25%.'),
  })
  .meta({ id: appsId('RollingUpdateDeployment'), description: 'Limits that pace a rolling update.' });

export const deploymentStrategy = z
  .strictObject({
    type: opt(z.string(), 'Recreate or RollingUpdate (the default).'),
    rollingUpdate: opt(rollingUpdateDeployment, 'Pacing of a RollingUpdate; only with type RollingUpdate.'),
  })
  .meta({ id: appsId('DeploymentStrategy'), description: 'How old pods are replaced by new ones.' });

export const deploymentSpec = z
  .strictObject({
    replicas: opt(int32(), 'Desired number of pods; defaults to 1.'),
    selector: opt(labelSelector, 'Required. Which pods belong to this deployment; must match the template labels and cannot change.'),
    template: opt(podTemplateSpec, 'Required. The pods to run.'),
    strategy: opt(deploymentStrategy, 'How existing pods are replaced when the template changes.'),
    minReadySeconds: opt(int32(), 'Seconds a new pod must be ready, without crashing, to count as available.'),
    revisionHistoryLimit: opt(int32(), 'Old ReplicaSets kept for rollback; defaults to 10.'),
    paused: opt(z.boolean(), 'Stops rollouts while true.'),
    progressDeadlineSeconds: opt(int32(), 'Seconds without progress before the rollout is reported as failed; defaults to 600.'),
  })
  .meta({ id: appsId('DeploymentSpec'), description: 'The desired state of a Deployment.' });

export const deploymentCondition = z
  .strictObject({
    type: req(z.string(), 'Available, Progressing or ReplicaFailure.'),
    status: req(z.string(), 'True, False or Unknown.'),
    lastUpdateTime: opt(time(), 'When the condition was last updated.'),
    lastTransitionTime: opt(time(), 'When the status last changed.'),
    reason: opt(z.string(), 'Machine-readable cause of the last transition.'),
    message: opt(z.string(), 'Human-readable details.'),
  })
  .meta({ id: appsId('DeploymentCondition'), description: 'One observed aspect of a Deployment.' });

export const deploymentStatus = z
  .strictObject({
    observedGeneration: opt(int64(), 'The generation the controller last acted on.'),
    replicas: opt(int32(), 'Pods targeted by this deployment (any template).'),
    updatedReplicas: opt(int32(), 'Pods running the current template.'),
    readyReplicas: opt(int32(), 'Pods with a Ready condition.'),
    availableReplicas: opt(int32(), 'Pods ready for at least minReadySeconds.'),
    unavailableReplicas: opt(int32(), 'Pods still needed to reach full availability.'),
    terminatingReplicas: opt(int32(), 'Pods being deleted (newer servers only).'),
    conditions: opt(mapList(deploymentCondition, 'type'), 'Latest observations of the rollout.'),
    collisionCount: opt(int32(), 'Counter mixed into ReplicaSet names to avoid hash collisions.'),
  })
  .meta({ id: appsId('DeploymentStatus'), description: 'The observed state of a Deployment.' });

export const deployment = kobject(appsId('Deployment'), 'Runs a set of identical pods and rolls out template changes gradually.', {
  spec: opt(deploymentSpec, 'Desired behavior of the deployment.'),
  status: opt(deploymentStatus, 'Most recently observed state; written by the system.'),
});

export type Deployment = z.infer<typeof deployment>;
export type DeploymentSpec = z.infer<typeof deploymentSpec>;
