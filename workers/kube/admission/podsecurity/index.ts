// Pod Security Admission: the Pod Security Standards checks, namespace policies and admission verdicts.
export type { Level, PodInput, Violation, Check, VersionedCheck, Finding } from './types';
export { evaluatePodSecurity, describeViolations, type Evaluation } from './evaluate';
export { policyFromNamespaceLabels, isFullyPrivileged, LABEL_PREFIX, type NamespacePolicy, type LevelVersion, type Mode } from './policy';
export { admitPod, admitTemplate, AUDIT_ENFORCE_POLICY, AUDIT_VIOLATIONS, AUDIT_EXEMPT, AUDIT_ERROR, type AdmitOptions, type AdmitResult, type Exemptions } from './admit';
export { isSignificantPodUpdate, podTemplateOf } from './update';
export { CHECKS, CHECK_VERSIONS, checksFor } from './registry';
export { parseLevel, parseVersion, formatVersion, type PolicyVersion } from './version';
