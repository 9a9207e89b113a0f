// Hand-written component schemas for the apimachinery types every group-version document refers to
// (Status, DeleteOptions, Patch, WatchEvent, ...) and for the foreign kinds some subresources return.
// A schema of the same name derived from a ResourceDef always takes precedence over these.
import type { GVK } from '../discovery';
import type { JsonSchema } from './sanitize';
import { componentRef } from './zod-schema';

export const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';
export const STATUS = `${META}Status`;
export const DELETE_OPTIONS = `${META}DeleteOptions`;
export const PATCH = `${META}Patch`;
export const WATCH_EVENT = `${META}WatchEvent`;
export const OBJECT_META = `${META}ObjectMeta`;
export const LIST_META = `${META}ListMeta`;
export const API_RESOURCE_LIST = `${META}APIResourceList`;

export const ref = (name: string): JsonSchema => ({ $ref: componentRef(name) });
/** A reference with its own description, spelled as the apiserver does (allOf beside description). */
export const refWith = (name: string, description: string): JsonSchema => ({ description, allOf: [ref(name)] });
const str = (description: string): JsonSchema => ({ type: 'string', description });
const int = (format: 'int32' | 'int64', description: string): JsonSchema => ({ type: 'integer', format, description });
const strings = (description: string): JsonSchema => ({ type: 'array', items: { type: 'string' }, description });
const object = (description: string, properties: Record<string, JsonSchema>, required?: string[]): JsonSchema => ({
  description,
  type: 'object',
  properties,
  ...(required ? { required } : {}),
});

export const typeMeta = (): Record<string, JsonSchema> => ({
  apiVersion: str('APIVersion defines the versioned schema of this representation of an object.'),
  kind: str('Kind is a string value representing the REST resource this object represents.'),
});

const gvkExt = (...gvks: GVK[]) => ({ 'x-kubernetes-group-version-kind': gvks.map(({ group, kind, version }) => ({ group, kind, version })) });

/** Always present in a group-version document; `gv` is the document's own group-version. */
export function apimachinerySchemas(gv: { group: string; version: string }): Record<string, JsonSchema> {
  const here = (kind: string): GVK => ({ group: gv.group, version: gv.version, kind });
  return {
    [STATUS]: {
      ...object('Status is a return value for calls that do not return other objects.', {
        ...typeMeta(),
        code: int('int32', 'Suggested HTTP return code for this status, 0 if not set.'),
        details: refWith(`${META}StatusDetails`, 'Extended data associated with the reason.'),
        message: str('A human-readable description of the status of this operation.'),
        metadata: refWith(LIST_META, 'Standard list metadata.'),
        reason: str('A machine-readable description of why this operation is in the "Failure" status.'),
        status: str('Status of the operation: "Success" or "Failure".'),
      }),
      ...gvkExt({ group: '', version: 'v1', kind: 'Status' }),
    },
    [`${META}StatusDetails`]: object('StatusDetails is a set of additional properties that may be set by the server to provide additional information about a response.', {
      causes: { type: 'array', items: ref(`${META}StatusCause`), description: 'The Causes array includes more details associated with the failure.' },
      group: str('The group attribute of the resource associated with the status.'),
      kind: str('The kind attribute of the resource associated with the status.'),
      name: str('The name attribute of the resource associated with the status.'),
      retryAfterSeconds: int('int32', 'If specified, the time in seconds before the operation should be retried.'),
      uid: str('UID of the resource.'),
    }),
    [`${META}StatusCause`]: object('StatusCause provides more information about an api.Status failure.', {
      field: str('The field of the resource that has caused this error, as named by its JSON serialization.'),
      message: str('A human-readable description of the cause of the error.'),
      reason: str('A machine-readable description of the cause of the error.'),
    }),
    [DELETE_OPTIONS]: {
      ...object('DeleteOptions may be provided when deleting an API object.', {
        ...typeMeta(),
        dryRun: strings('When present, indicates that modifications should not be persisted.'),
        gracePeriodSeconds: int('int64', 'The duration in seconds before the object should be deleted.'),
        orphanDependents: { type: 'boolean', description: 'Deprecated: please use the PropagationPolicy.' },
        preconditions: refWith(`${META}Preconditions`, 'Must be fulfilled before a deletion is carried out.'),
        propagationPolicy: str("Whether and how garbage collection will be performed: 'Orphan', 'Background' or 'Foreground'."),
      }),
      ...gvkExt(here('DeleteOptions')),
    },
    [`${META}Preconditions`]: object('Preconditions must be fulfilled before an operation (update, delete, etc.) is carried out.', {
      resourceVersion: str('Specifies the target ResourceVersion.'),
      uid: str('Specifies the target UID.'),
    }),
    [PATCH]: { description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.', type: 'object' },
    [WATCH_EVENT]: {
      ...object(
        'Event represents a single event to a watched resource.',
        { object: refWith('io.k8s.apimachinery.pkg.runtime.RawExtension', 'The object: for ADDED/MODIFIED the new state, for DELETED the last state, for ERROR a Status.'), type: str('ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.') },
        ['type', 'object'],
      ),
      ...gvkExt(here('WatchEvent')),
    },
    'io.k8s.apimachinery.pkg.runtime.RawExtension': { description: 'RawExtension holds an arbitrary embedded object.', type: 'object' },
    [API_RESOURCE_LIST]: object(
      'APIResourceList is a list of APIResource, it is used to expose the name of the resources supported in a specific group and version.',
      { ...typeMeta(), groupVersion: str('The group and version of this resource list.'), resources: { type: 'array', items: ref(`${META}APIResource`), description: 'The resources supported in this group and version.' } },
      ['groupVersion', 'resources'],
    ),
    [`${META}APIResource`]: object(
      'APIResource specifies the name of a resource and whether it is namespaced.',
      {
        name: str('The plural name of the resource.'),
        singularName: str('The singular name of the resource.'),
        namespaced: { type: 'boolean', description: 'Whether the resource is namespaced.' },
        group: str('The preferred group of the resource, when it differs from the list.'),
        version: str('The preferred version of the resource, when it differs from the list.'),
        kind: str('The kind for the resource.'),
        verbs: strings('The list of supported verbs.'),
        shortNames: strings('Suggested short names of the resource.'),
        categories: strings('The groups this resource belongs to, e.g. "all".'),
      },
      ['name', 'singularName', 'namespaced', 'kind', 'verbs'],
    ),
  };
}

/** Foreign kinds returned by subresources, keyed by subresource name. */
export function subresourceSchemas(subresource: string): Record<string, JsonSchema> {
  switch (subresource) {
    case 'scale':
      return {
        'io.k8s.api.autoscaling.v1.Scale': {
          ...object('Scale represents a scaling request for a resource.', {
            ...typeMeta(),
            metadata: refWith(OBJECT_META, "Standard object's metadata."),
            spec: refWith('io.k8s.api.autoscaling.v1.ScaleSpec', 'The desired scale.'),
            status: refWith('io.k8s.api.autoscaling.v1.ScaleStatus', 'The current scale. Read-only.'),
          }),
          ...gvkExt({ group: 'autoscaling', version: 'v1', kind: 'Scale' }),
        },
        'io.k8s.api.autoscaling.v1.ScaleSpec': object('ScaleSpec describes the attributes of a scale subresource.', { replicas: int('int32', 'The desired number of instances.') }),
        'io.k8s.api.autoscaling.v1.ScaleStatus': object(
          'ScaleStatus represents the current status of a scale subresource.',
          { replicas: int('int32', 'The actual number of observed instances.'), selector: str('Label query over pods that should match the replicas count, in string form.') },
          ['replicas'],
        ),
      };
    case 'binding':
      return {
        'io.k8s.api.core.v1.Binding': {
          ...object('Binding ties one object to another; for example, a pod is bound to a node by a scheduler.', {
            ...typeMeta(),
            metadata: refWith(OBJECT_META, "Standard object's metadata."),
            target: refWith('io.k8s.api.core.v1.ObjectReference', 'The target object that you want to bind to the standard object.'),
          }, ['target']),
          ...gvkExt({ group: '', version: 'v1', kind: 'Binding' }),
        },
        'io.k8s.api.core.v1.ObjectReference': object('ObjectReference contains enough information to let you inspect or modify the referred object.', {
          apiVersion: str('API version of the referent.'),
          fieldPath: str('A piece of an object instead of an entire object.'),
          kind: str('Kind of the referent.'),
          name: str('Name of the referent.'),
          namespace: str('Namespace of the referent.'),
          resourceVersion: str('Specific resourceVersion to which this reference is made, if any.'),
          uid: str('UID of the referent.'),
        }),
      };
    case 'eviction':
      return {
        'io.k8s.api.policy.v1.Eviction': {
          ...object('Eviction evicts a pod from its node subject to certain policies and safety constraints.', {
            ...typeMeta(),
            deleteOptions: refWith(DELETE_OPTIONS, 'DeleteOptions may be provided.'),
            metadata: refWith(OBJECT_META, 'ObjectMeta describes the pod that is being evicted.'),
          }),
          ...gvkExt({ group: 'policy', version: 'v1', kind: 'Eviction' }),
        },
      };
    default:
      return {};
  }
}
