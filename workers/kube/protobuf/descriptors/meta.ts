// k8s.io/apimachinery/pkg/apis/meta/v1: ObjectMeta and friends.
import { bool, i64, map, msg, msgs, str, strs, time, Z, type FieldDesc, type Registry } from '../types';

const fieldsV1: FieldDesc = { name: 'fieldsV1', kind: 'fieldsV1' };

export const metaTypes: Registry = {
  'meta.ObjectMeta': {
    1: str('name'),
    2: str('generateName'),
    3: str('namespace'),
    4: str('selfLink'),
    5: str('uid'),
    6: str('resourceVersion'),
    7: i64('generation'),
    8: time('creationTimestamp'),
    9: time('deletionTimestamp'),
    10: i64('deletionGracePeriodSeconds', Z),
    11: map('labels', 'string'),
    12: map('annotations', 'string'),
    13: msgs('ownerReferences', 'meta.OwnerReference'),
    14: strs('finalizers'),
    17: msgs('managedFields', 'meta.ManagedFieldsEntry'),
  },
  'meta.OwnerReference': {
    5: str('apiVersion', Z),
    1: str('kind', Z),
    3: str('name', Z),
    4: str('uid', Z),
    6: bool('controller', Z),
    7: bool('blockOwnerDeletion', Z),
  },
  'meta.ManagedFieldsEntry': {
    1: str('manager'),
    2: str('operation'),
    3: str('apiVersion'),
    4: time('time'),
    6: str('fieldsType'),
    7: fieldsV1,
    8: str('subresource'),
  },
  'meta.LabelSelector': {
    1: map('matchLabels', 'string'),
    2: msgs('matchExpressions', 'meta.LabelSelectorRequirement'),
  },
  'meta.LabelSelectorRequirement': { 1: str('key', Z), 2: str('operator', Z), 3: strs('values') },
  'meta.FieldSelectorRequirement': { 1: str('key', Z), 2: str('operator', Z), 3: strs('values') },
  'meta.Condition': {
    1: str('type', Z),
    2: str('status', Z),
    3: i64('observedGeneration'),
    4: time('lastTransitionTime'),
    5: str('reason', Z),
    6: str('message', Z),
  },
  'meta.DeleteOptions': {
    1: i64('gracePeriodSeconds', Z),
    2: msg('preconditions', 'meta.Preconditions'),
    3: bool('orphanDependents', Z),
    4: str('propagationPolicy', Z),
    5: strs('dryRun'),
    6: bool('ignoreStoreReadErrorWithClusterBreakingPotential', Z),
  },
  'meta.Preconditions': { 1: str('uid', Z), 2: str('resourceVersion', Z) },
};
