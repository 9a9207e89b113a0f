import { z } from 'zod';
import { int64, stringMap, time } from './primitives';

export const ownerReference = z
  .strictObject({
    apiVersion: z.string().meta({ description: 'API version of the referent.' }),
    kind: z.string().meta({ description: 'Kind of the referent.' }),
    name: z.string().meta({ description: 'Name of the referent.' }),
    uid: z.string().meta({ description: 'UID of the referent.' }),
    controller: z.boolean().optional().meta({ description: 'If true, this reference points to the managing controller.' }),
    blockOwnerDeletion: z.boolean().optional().meta({ description: 'If true, the owner cannot be deleted from the key-value store until this reference is removed.' }),
  })
  .meta({ id: 'io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference', description: 'OwnerReference contains enough information to let you identify an owning object.' });

export const managedFieldsEntry = z
  .strictObject({
    manager: z.string().optional(),
    operation: z.string().optional(),
    apiVersion: z.string().optional(),
    time: time().optional(),
    fieldsType: z.string().optional(),
    fieldsV1: z.record(z.string(), z.unknown()).optional(),
    subresource: z.string().optional(),
  })
  .meta({ id: 'io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry', description: 'ManagedFieldsEntry is a workflow-id, a FieldSet and the group version of the resource that the fieldset applies to.' });

export const objectMeta = z
  .strictObject({
    name: z.string().optional().meta({ description: 'Name must be unique within a namespace. Cannot be updated.' }),
    generateName: z.string().optional().meta({ description: 'An optional prefix used by the server to generate a unique name if name is not provided.' }),
    namespace: z.string().optional().meta({ description: 'Namespace defines the space within which each name must be unique.' }),
    selfLink: z.string().optional(),
    uid: z.string().optional().meta({ description: 'UID is the unique in time and space value for this object. Populated by the system. Read-only.' }),
    resourceVersion: z.string().optional().meta({ description: 'An opaque value that represents the internal version of this object, used for optimistic concurrency and watch.' }),
    generation: int64().optional().meta({ description: 'A sequence number representing a specific generation of the desired state. Populated by the system. Read-only.' }),
    creationTimestamp: time().optional().meta({ description: 'The time this object was created. Populated by the system. Read-only.' }),
    deletionTimestamp: time().optional().meta({ description: 'The time after which this resource will be deleted, set when a graceful deletion is requested. Read-only.' }),
    deletionGracePeriodSeconds: int64().optional(),
    labels: stringMap().optional().meta({ description: 'Map of string keys and values that can be used to organize and categorize (scope and select) objects.' }),
    annotations: stringMap().optional().meta({ description: 'An unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata.' }),
    ownerReferences: z
      .array(ownerReference)
      .optional()
      .meta({ 'x-kubernetes-patch-merge-key': 'uid', 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['uid'], description: 'List of objects depended by this object.' }),
    finalizers: z
      .array(z.string())
      .optional()
      .meta({ 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'set', description: 'Must be empty before the object is deleted from the registry.' }),
    managedFields: z.array(managedFieldsEntry).optional().meta({ 'x-kubernetes-list-type': 'atomic' }),
  })
  .meta({ id: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', description: 'ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.' });

export const listMeta = z
  .strictObject({
    resourceVersion: z.string().optional(),
    continue: z.string().optional(),
    remainingItemCount: int64().optional(),
    selfLink: z.string().optional(),
  })
  .meta({ id: 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta', description: 'ListMeta describes metadata that synthetic resources must have, including lists.' });

export const labelSelectorRequirement = z
  .strictObject({
    key: z.string(),
    operator: z.string().meta({ description: 'In, NotIn, Exists or DoesNotExist.' }),
    values: z.array(z.string()).optional().meta({ 'x-kubernetes-list-type': 'atomic' }),
  })
  .meta({ id: 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement', description: 'A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values.' });

export const labelSelector = z
  .strictObject({
    matchLabels: stringMap().optional(),
    matchExpressions: z.array(labelSelectorRequirement).optional().meta({ 'x-kubernetes-list-type': 'atomic' }),
  })
  .meta({ id: 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector', description: 'A label selector is a label query over a set of resources.' });

export const condition = z
  .strictObject({
    type: z.string(),
    status: z.string(),
    observedGeneration: int64().optional(),
    lastTransitionTime: time().optional(),
    reason: z.string().optional(),
    message: z.string().optional(),
  })
  .meta({ id: 'io.k8s.apimachinery.pkg.apis.meta.v1.Condition', description: 'Condition contains details for one aspect of the current state of this API Resource.' });

export type ObjectMeta = z.infer<typeof objectMeta>;
export type LabelSelector = z.infer<typeof labelSelector>;
