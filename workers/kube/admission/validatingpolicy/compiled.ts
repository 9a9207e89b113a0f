// A policy with every expression compiled once (per stored revision of the policy, see the api's cache).
import { compile, type Program } from './cel';
import type { Policy } from './types';

export interface CompiledExpression {
  expression: string;
  program?: Program;
  /** Set when the stored expression no longer compiles (a misconfigured policy: failurePolicy applies). */
  error?: string;
}

export interface CompiledValidation extends CompiledExpression {
  message?: string;
  reason?: string;
  messageProgram?: Program;
}

export interface CompiledPolicy {
  policy: Policy;
  name: string;
  failurePolicy: 'Fail' | 'Ignore';
  matchConditions: (CompiledExpression & { name: string })[];
  variables: (CompiledExpression & { name: string })[];
  validations: CompiledValidation[];
}

function one(expression: string, want?: 'bool' | 'string'): CompiledExpression {
  const c = compile(expression, want);
  return c.ok ? { expression, program: c.program } : { expression, error: `compilation failed: ${c.message}` };
}

export function compilePolicy(policy: Policy): CompiledPolicy {
  const spec = policy.spec ?? {};
  return {
    policy,
    name: policy.metadata.name ?? '',
    failurePolicy: spec.failurePolicy === 'Ignore' ? 'Ignore' : 'Fail',
    matchConditions: (spec.matchConditions ?? []).map((m) => ({ name: m.name, ...one(m.expression, 'bool') })),
    variables: (spec.variables ?? []).map((v) => ({ name: v.name, ...one(v.expression) })),
    validations: (spec.validations ?? []).map((v) => {
      const c: CompiledValidation = { ...one(v.expression, 'bool'), message: v.message, reason: v.reason };
      if (v.messageExpression) {
        const m = compile(v.messageExpression, 'string');
        if (m.ok) c.messageProgram = m.program;
      }
      return c;
    }),
  };
}
