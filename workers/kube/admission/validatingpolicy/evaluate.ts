// Evaluating policies and their bindings for one request (upstream's validating policy dispatcher):
// match → params → matchConditions → variables → validations, then the binding's validationActions
// turn failures into a denial (the first), warnings, or audit entries.
import type { KObject } from '../../registry/types';
import { evalErrorText, toCel } from './cel';
import type { CompiledExpression, CompiledPolicy } from './compiled';
import { bindingMatches, matches } from './match';
import type { AdmissionAttributes, Binding } from './types';

/** Where params come from: the objects a binding's paramRef selects, or a configuration error. */
export type ParamLookup = (policy: CompiledPolicy, binding: Binding, a: AdmissionAttributes) => Promise<{ params: KObject[] } | { error: string }>;

export interface PolicySources {
  policies: readonly CompiledPolicy[];
  bindings: readonly Binding[];
  namespaceObject(): Promise<KObject | null>;
  params: ParamLookup;
}

export interface Denial {
  policy: string;
  binding: string;
  message: string;
  reason: string;
}

export interface PolicyOutcome {
  denial?: Denial;
  warnings: string[];
  /** Failures of Audit bindings (there is no audit log to record them in yet). */
  audits: Denial[];
}

interface Failure {
  message: string;
  reason: string;
}

class ExpressionError extends Error {}

function run(e: CompiledExpression, ctx: Record<string, unknown>): unknown {
  if (e.error || !e.program) throw new ExpressionError(e.error ?? 'not compiled');
  try {
    return e.program(ctx);
  } catch (err) {
    throw new ExpressionError(`expression '${e.expression}' resulted in error: ${evalErrorText(err)}`);
  }
}

/** The request variable (admission.k8s.io/v1 AdmissionRequest fields). */
function requestOf(a: AdmissionAttributes) {
  return {
    kind: a.kind,
    resource: a.resource,
    subResource: a.subResource,
    requestKind: a.kind,
    requestResource: a.resource,
    requestSubResource: a.subResource,
    name: a.name,
    namespace: a.namespace,
    operation: a.operation,
    userInfo: { username: a.userInfo.username, uid: a.userInfo.uid, groups: a.userInfo.groups, extra: a.userInfo.extra ?? {} },
    dryRun: a.dryRun,
  };
}

/** Variables are evaluated lazily, once, on first use (as upstream), so an unused one costs nothing. */
function lazyVariables(p: CompiledPolicy, ctx: Record<string, unknown>): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const v of p.variables) {
    let done = false;
    let value: unknown;
    Object.defineProperty(vars, v.name, {
      enumerable: true,
      get() {
        if (!done) {
          value = run(v, ctx);
          done = true;
        }
        return value;
      },
    });
  }
  return vars;
}

/** Failed validations of one policy with one param object; [] when it passes or does not apply. */
function validate(p: CompiledPolicy, base: Record<string, unknown>, params: KObject | null): Failure[] {
  const ctx: Record<string, unknown> = { ...base, params: params ? toCel(params) : null };
  ctx.variables = lazyVariables(p, ctx);
  const failures: Failure[] = [];
  const onError = (err: unknown) => {
    if (!(err instanceof ExpressionError)) throw err;
    if (p.failurePolicy === 'Fail') failures.push({ message: err.message, reason: 'Invalid' });
  };
  try {
    for (const m of p.matchConditions) if (run(m, ctx) !== true) return [];
  } catch (err) {
    onError(err);
    return failures;
  }
  for (const v of p.validations) {
    try {
      if (run(v, ctx) === true) continue;
      failures.push({ message: messageOf(v, ctx), reason: v.reason || 'Invalid' });
    } catch (err) {
      onError(err);
    }
  }
  return failures;
}

/** messageExpression wins when it yields a one-line non-empty string; then message; then the expression. */
function messageOf(v: CompiledPolicy['validations'][number], ctx: Record<string, unknown>): string {
  if (v.messageProgram) {
    try {
      const m = v.messageProgram(ctx);
      if (typeof m === 'string' && m.trim() !== '' && !m.includes('\n')) return m;
    } catch {
      // Upstream falls back to message (or the default) when messageExpression fails.
    }
  }
  return v.message || `failed expression: ${v.expression}`;
}

function baseContext(a: AdmissionAttributes, namespaceObject: KObject | null): Record<string, unknown> {
  return {
    object: a.object ? toCel(a.object) : null,
    oldObject: a.oldObject ? toCel(a.oldObject) : null,
    request: toCel(requestOf(a)),
    namespaceObject: namespaceObject ? toCel(namespaceObject) : null,
  };
}

export async function evaluatePolicies(src: PolicySources, a: AdmissionAttributes): Promise<PolicyOutcome> {
  const out: PolicyOutcome = { warnings: [], audits: [] };
  let base: Record<string, unknown> | undefined;
  for (const p of src.policies) {
    const constraints = p.policy.spec?.matchConstraints;
    if (!constraints || !(await matches(constraints, a, src.namespaceObject))) continue;
    for (const b of src.bindings) {
      if (b.spec?.policyName !== p.name) continue;
      if (!(await bindingMatches(b.spec.matchResources, a, src.namespaceObject))) continue;
      let failures: Failure[] = [];
      const params = p.policy.spec?.paramKind ? await src.params(p, b, a) : { params: [null] };
      if ('error' in params) {
        if (p.failurePolicy === 'Fail') failures = [{ message: params.error, reason: 'Invalid' }];
      } else if (params.params.length === 0) {
        if ((b.spec.paramRef?.parameterNotFoundAction ?? 'Deny') === 'Deny') {
          failures = [{ message: 'no params found for policy binding with `Deny` parameterNotFoundAction', reason: 'Invalid' }];
        }
      } else {
        base ??= baseContext(a, a.namespaced && a.namespace ? await src.namespaceObject() : null);
        for (const param of params.params) failures.push(...validate(p, base, param));
      }
      act(out, p, b, failures);
    }
  }
  return out;
}

function act(out: PolicyOutcome, p: CompiledPolicy, b: Binding, failures: Failure[]) {
  const binding = b.metadata.name ?? '';
  for (const f of failures) {
    const d: Denial = { policy: p.name, binding, message: f.message, reason: f.reason };
    const actions = new Set(b.spec?.validationActions ?? []);
    if (actions.has('Deny')) out.denial ??= d;
    if (actions.has('Warn')) out.warnings.push(`Validation failed for ValidatingAdmissionPolicy '${p.name}' with binding '${binding}': ${f.message}`);
    if (actions.has('Audit')) out.audits.push(d);
  }
}

/** The denial's Status message after the object prefix, worded as upstream's. */
export function denialText(d: Denial): string {
  return `ValidatingAdmissionPolicy '${d.policy}' with binding '${d.binding}' denied request: ${d.message}`;
}

const REASON_CODES: Record<string, number> = { Unauthorized: 401, Forbidden: 403, Invalid: 422, RequestEntityTooLarge: 413 };

export function reasonCode(reason: string): number {
  return REASON_CODES[reason] ?? 422;
}
