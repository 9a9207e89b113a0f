// apps/v1 DaemonSet: one pod per eligible node.
import { z } from 'zod';
import { int32, int64, intOrString, kobject, labelSelector, mapList, time } from '../../../schemas/meta';
import { podTemplateSpec } from '../../core/pod/spec';
import { appsId, opt, req } from '../common/util';

export const rollingUpdateDaemonSet = z
  .strictObject({
    maxUnavailable: opt(intOrString(), 'Nodes whose daemon pod may be down during the update: a number or percentage; default 1.'),
    maxSurge: opt(intOrString(), 'Nodes that may briefly run an old and a new pod side by side: a number or percentage; default 0.'),
  })
  .meta({ id: appsId('RollingUpdateDaemonSet'), description: 'Limits that pace a daemon set rolling update.' });

export const daemonSetUpdateStrategy = z
  .strictObject({
    type: opt(z.string(), 'RollingUpdate (the default) or OnDelete.'),
    rollingUpdate: opt(rollingUpdateDaemonSet, 'Pacing of a RollingUpdate.'),
  })
  .meta({ id: appsId('DaemonSetUpdateStrategy'), description: 'How daemon pods are replaced when the template changes.' });

export const daemonSetSpec = z
  .strictObject({
    selector: opt(labelSelector, 'Required. Which pods belong to this daemon set; must match the template labels and cannot change.'),
    template: opt(podTemplateSpec, 'Required. The pod to run on each node.'),
    updateStrategy: opt(daemonSetUpdateStrategy, 'How pods are replaced when the template changes.'),
    minReadySeconds: opt(int32(), 'Seconds a new pod must be ready, without crashing, to count as available.'),
    revisionHistoryLimit: opt(int32(), 'Old revisions kept for rollback; defaults to 10.'),
  })
  .meta({ id: appsId('DaemonSetSpec'), description: 'The desired state of a DaemonSet.' });

export const daemonSetCondition = z
  .strictObject({
    type: req(z.string(), 'Condition type.'),
    status: req(z.string(), 'True, False or Unknown.'),
    lastTransitionTime: opt(time(), 'When the status last changed.'),
    reason: opt(z.string(), 'Machine-readable cause of the last transition.'),
    message: opt(z.string(), 'Human-readable details.'),
  })
  .meta({ id: appsId('DaemonSetCondition'), description: 'One observed aspect of a DaemonSet.' });

export const daemonSetStatus = z
  .strictObject({
    currentNumberScheduled: opt(int32(), 'Nodes running at least one daemon pod that should.'),
    numberMisscheduled: opt(int32(), 'Nodes running a daemon pod that should not.'),
    desiredNumberScheduled: opt(int32(), 'Nodes that should run the daemon pod.'),
    numberReady: opt(int32(), 'Nodes whose daemon pod is ready.'),
    observedGeneration: opt(int64(), 'The generation the controller last acted on.'),
    updatedNumberScheduled: opt(int32(), 'Nodes running the current template.'),
    numberAvailable: opt(int32(), 'Nodes whose daemon pod has been ready for minReadySeconds.'),
    numberUnavailable: opt(int32(), 'Nodes that should run an available daemon pod but do not.'),
    collisionCount: opt(int32(), 'Counter mixed into revision names to avoid hash collisions.'),
    conditions: opt(mapList(daemonSetCondition, 'type'), 'Latest observations.'),
  })
  .meta({ id: appsId('DaemonSetStatus'), description: 'The observed state of a DaemonSet.' });

export const daemonSet = kobject(appsId('DaemonSet'), 'Runs a copy of a pod on every eligible node.', {
  spec: opt(daemonSetSpec, 'Desired behavior of the daemon set.'),
  status: opt(daemonSetStatus, 'Most recently observed state; written by the system.'),
});

export type DaemonSet = z.infer<typeof daemonSet>;
