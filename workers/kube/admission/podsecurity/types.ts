// Shared shapes of the Pod Security library: levels, check results and the versioned check table.
import type { PodSpec } from '../../resources/core/pod/spec';

export type { PodSpec };
export type Level = 'privileged' | 'baseline' | 'restricted';

/** Whatever carries a pod's metadata and spec: a Pod, or a workload's pod template. */
export interface PodInput {
  metadata?: { name?: string; annotations?: Record<string, string> };
  spec?: PodSpec;
}

export interface PodMeta {
  annotations?: Record<string, string>;
}

/** A refused check: `reason` always prints; `detail` names the offending fields and values. */
export interface Finding {
  reason: string;
  detail: string;
}

/** A check body: undefined when the pod passes. */
export type CheckFn = (meta: PodMeta, spec: PodSpec) => Finding | undefined;

/** One revision of a check, in force from policy version v1.<since> on. */
export interface VersionedCheck {
  since: number;
  fn: CheckFn;
  /** Baseline check ids this restricted revision replaces at the restricted level. */
  overrides?: string[];
}

export interface Check {
  id: string;
  level: 'baseline' | 'restricted';
  versions: VersionedCheck[]; // strictly increasing `since`
}

export interface Violation {
  check: string; // check id, e.g. "runAsNonRoot"
  reason: string; // e.g. "runAsNonRoot != true"
  detail: string;
  message: string; // "reason (detail)", as it appears in the aggregated text
}
