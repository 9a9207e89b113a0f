// The description of one served resource: everything discovery, OpenAPI, validation, the store and
// watch need to know about a kind. Built-in kinds and CRD-served kinds both produce one of these.
import type { z } from 'zod';
import type { FieldErrors } from '../validation/field-errors';

/** A Kubernetes object as stored and served (JSON). */
export interface KObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name?: string;
    generateName?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    deletionGracePeriodSeconds?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    finalizers?: string[];
    ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean; blockOwnerDeletion?: boolean }[];
    managedFields?: unknown[];
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

export interface ScaleDef {
  /** Dotted paths into the object, as in CRD scale subresources: ".spec.replicas". */
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

export interface ResourceDef<T extends KObject = KObject> {
  group: string; // "" for the core group
  version: string;
  kind: string;
  listKind?: string; // default `${kind}List`
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /** Verbs served; default: create delete deletecollection get list patch update watch. */
  verbs?: string[];
  /** The strict zod schema of the whole object (see schemas/meta/kobject.ts). */
  schema: z.ZodType;
  /** Name syntax; default DNS-1123 subdomain. Return problem messages, [] when valid. */
  nameValidator?: (name: string) => string[];
  /** Kubernetes defaulting, applied in place after parsing on create and update. */
  defaults?(obj: T): void;
  /** Semantic validation beyond the schema, on create and update. Field paths as kubectl prints them. */
  validate?(obj: T, errs: FieldErrors): void;
  /** Extra update rules: immutable fields and allowed transitions. */
  validateUpdate?(obj: T, old: T, errs: FieldErrors): void;
  /** Values for field selectors beyond metadata.name / metadata.namespace, e.g. { 'spec.nodeName': 'n1' }. */
  fields?(obj: T): Record<string, string>;
  /** Has a /status subresource: the main endpoint keeps the old status, /status keeps the old everything else. */
  status?: boolean;
  /** Has a /scale subresource (autoscaling/v1 Scale). */
  scale?: ScaleDef;
  /** Other subresources served (e.g. "binding", "eviction", "log", "exec", "finalize"). */
  subresources?: string[];
  /** When metadata.generation is set and bumped: on changes outside metadata and status ("spec"), or never. */
  generation?: 'spec' | 'none';
  /** CRD additionalPrinterColumns of this version, for server-side Table output. */
  printerColumns?: { name: string; type: string; format?: string; description?: string; priority?: number; jsonPath: string }[];
  /** Called on create only, before validation (e.g. a Pod's status.phase = Pending). */
  prepareForCreate?(obj: T): void;
  /**
   * Served by conversion: objects are stored (and validated, defaulted, watched) in `storageVersion`
   * of the same group and plural; requests and responses in this version are converted at the edge.
   */
  conversion?: { storageVersion: string; toStorage(obj: KObject): KObject; fromStorage(obj: KObject): KObject };
}

export const DEFAULT_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export function apiVersionOf(def: Pick<ResourceDef, 'group' | 'version'>): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}
