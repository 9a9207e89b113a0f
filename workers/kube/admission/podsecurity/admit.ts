// Admission decisions for pods and for workload pod templates, given the namespace labels.
import { forbidden, type StatusError } from '../../status';
import type { PodInput } from './types';
import { describeViolations, evaluatePodSecurity, type Evaluation } from './evaluate';
import { LABEL_PREFIX, isFullyPrivileged, policyFromNamespaceLabels, type LevelVersion, type NamespacePolicy } from './policy';
import { isSignificantPodUpdate } from './update';

/** Audit annotation keys, as they appear on audit events. */
export const AUDIT_ENFORCE_POLICY = `${LABEL_PREFIX}enforce-policy`;
export const AUDIT_VIOLATIONS = `${LABEL_PREFIX}audit-violations`;
export const AUDIT_EXEMPT = `${LABEL_PREFIX}exempt`;
export const AUDIT_ERROR = `${LABEL_PREFIX}error`;

export interface Exemptions {
  namespaces?: string[];
  usernames?: string[];
  runtimeClasses?: string[];
}

export interface AdmitOptions {
  /** The stored pod, on update: updates that cannot change the verdict are not evaluated. */
  oldPod?: PodInput;
  /** Only the ephemeralcontainers subresource is evaluated among pod subresources. */
  subresource?: string;
  namespace?: string;
  username?: string;
  exemptions?: Exemptions;
  /** Cluster defaults for unlabelled modes (upstream's AdmissionConfiguration); privileged:latest otherwise. */
  defaults?: Partial<Pick<NamespacePolicy, 'enforce' | 'audit' | 'warn'>>;
}

export interface AdmitResult {
  deny?: StatusError;
  warnings: string[];
  /** Annotations for the request's audit event; undefined when nothing is recorded. */
  audit?: Record<string, string>;
}

const lv = (p: LevelVersion) => `${p.level}:${p.version}`;
const allow = (): AdmitResult => ({ warnings: [] });

function evaluate(pod: PodInput, policy: NamespacePolicy, enforce: boolean, name: string): AdmitResult {
  const audit: Record<string, string> = {};
  if (policy.errors.length) {
    audit[AUDIT_ERROR] = `Failed to parse policy: ${policy.errors.length === 1 ? policy.errors[0] : `[${policy.errors.join(', ')}]`}`;
  }
  // Modes sharing a level and version share one evaluation.
  const cache = new Map<string, Evaluation>();
  const run = (p: LevelVersion) => {
    const key = lv(p);
    let e = cache.get(key);
    if (!e) cache.set(key, (e = evaluatePodSecurity(pod, p.level, p.version)));
    return e;
  };
  const result: AdmitResult = { warnings: [] };
  if (enforce) {
    audit[AUDIT_ENFORCE_POLICY] = lv(policy.enforce);
    const e = run(policy.enforce);
    if (!e.allowed) {
      const why = `violates PodSecurity "${lv(policy.enforce)}": ${describeViolations(e.violations)}`;
      result.deny = forbidden(name ? `pods "${name}" is forbidden: ${why}` : `pods is forbidden: ${why}`, { name: name || undefined, kind: 'pods' });
    }
  }
  const a = run(policy.audit);
  if (!a.allowed) audit[AUDIT_VIOLATIONS] = `would violate PodSecurity "${lv(policy.audit)}": ${describeViolations(a.violations)}`;
  // No warnings on a request that is refused anyway.
  if (!result.deny) {
    const w = run(policy.warn);
    if (!w.allowed) result.warnings.push(`would violate PodSecurity "${lv(policy.warn)}": ${describeViolations(w.violations)}`);
  }
  if (Object.keys(audit).length) result.audit = audit;
  return result;
}

function exemptBy(opts: AdmitOptions): 'namespace' | 'user' | undefined {
  const ex = opts.exemptions;
  if (opts.namespace !== undefined && ex?.namespaces?.includes(opts.namespace)) return 'namespace';
  if (opts.username !== undefined && ex?.usernames?.includes(opts.username)) return 'user';
  return undefined;
}

/**
 * Pod create, update and ephemeralcontainers: enforce refuses with 403, warn adds a warning,
 * audit adds an audit annotation.
 */
export function admitPod(pod: PodInput, namespaceLabels: Record<string, string> | undefined, opts: AdmitOptions = {}): AdmitResult {
  const exempt = exemptBy(opts);
  if (exempt) return { warnings: [], audit: { [AUDIT_EXEMPT]: exempt } };
  if (opts.subresource && opts.subresource !== 'ephemeralcontainers') return allow();
  const policy = policyFromNamespaceLabels(namespaceLabels, opts.defaults);
  if (!policy.errors.length && isFullyPrivileged(policy)) return allow();
  if (opts.oldPod && !opts.subresource && !isSignificantPodUpdate(pod, opts.oldPod)) return allow();
  const runtimeClass = pod.spec?.runtimeClassName;
  if (runtimeClass !== undefined && opts.exemptions?.runtimeClasses?.includes(runtimeClass)) {
    return { warnings: [], audit: { [AUDIT_EXEMPT]: 'runtimeClass' } };
  }
  return evaluate(pod, policy, true, pod.metadata?.name ?? '');
}

/**
 * A workload's pod template (Deployment, Job, ...): never refused, since the pods themselves are
 * checked when created; only warn and audit apply.
 */
export function admitTemplate(template: PodInput | undefined, namespaceLabels: Record<string, string> | undefined, opts: AdmitOptions = {}): AdmitResult {
  if (exemptBy(opts)) return allow();
  const policy = policyFromNamespaceLabels(namespaceLabels, opts.defaults);
  if (!policy.errors.length && policy.warn.level === 'privileged' && policy.audit.level === 'privileged') return allow();
  if (!template?.spec) return allow();
  const runtimeClass = template.spec.runtimeClassName;
  if (runtimeClass !== undefined && opts.exemptions?.runtimeClasses?.includes(runtimeClass)) return allow();
  return evaluate(template, policy, false, '');
}
