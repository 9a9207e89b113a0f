// The shapes RBAC logic reads. Structural, so stored JSON, zod-parsed objects and the API's UserInfo all fit,
// and this package does not depend on the API worker.
import type { LabelSelectorObject } from '../selectors/labels';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

type List = readonly string[] | null;

/** One rule of a Role or ClusterRole. Missing and null lists mean empty, as in Go. */
export interface PolicyRule {
  verbs?: List;
  apiGroups?: List;
  resources?: List;
  resourceNames?: List;
  nonResourceURLs?: List;
}

export interface RbacMetadata {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface RoleObject {
  metadata: RbacMetadata;
  rules?: readonly PolicyRule[] | null;
}

export interface ClusterRoleObject extends RoleObject {
  aggregationRule?: { clusterRoleSelectors?: readonly LabelSelectorObject[] | null } | null;
}

export interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

export interface RoleRef {
  apiGroup?: string;
  kind: string;
  name: string;
}

export interface BindingObject {
  metadata: RbacMetadata;
  subjects?: readonly Subject[] | null;
  roleRef: RoleRef;
}

/** The identity being authorized (upstream user.Info; the API's UserInfo fits). */
export interface RbacUser {
  name: string;
  groups: readonly string[];
}

/**
 * What a request wants to do. A request with `path` is a non-resource request (/healthz); otherwise it
 * names a resource. Same field names as the API's RequestAttributes.
 */
export interface RbacAttributes {
  verb: string;
  group?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  path?: string;
}

export interface RbacDecision {
  allowed: boolean;
  reason: string;
}
