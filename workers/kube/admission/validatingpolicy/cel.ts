// The CEL environment of ValidatingAdmissionPolicy expressions: the variables upstream declares and the
// Kubernetes library functions the evaluator (@marcbachmann/cel-js, a tree-walking interpreter: no eval,
// so it runs in workerd) does not have built in. What is still missing is listed in docs/decisions.md.
import { Environment, type ParseResult } from '@marcbachmann/cel-js';
import { registerQuantity } from './cel-quantity';
import { registerUrl } from './cel-url';

/** Variables every policy expression may read. `params` is null when the policy has no paramKind. */
export const CEL_VARIABLES = ['object', 'oldObject', 'request', 'params', 'namespaceObject'] as const;

/** Upstream bounds an expression's cost; these parse-time limits keep a hostile one cheap. */
const LIMITS = { maxAstNodes: 10_000, maxDepth: 100, maxListElements: 1_000, maxMapEntries: 1_000, maxCallArguments: 32 };

let shared: Environment | undefined;

function build(): Environment {
  const env = new Environment({ limits: LIMITS, homogeneousAggregateLiterals: false });
  for (const v of CEL_VARIABLES) env.registerVariable(v, 'dyn');
  env.registerVariable('variables', 'map');
  registerStrings(env);
  registerRegex(env);
  registerLists(env);
  registerQuantity(env);
  registerUrl(env);
  return env;
}

/** The one environment (building it costs more than compiling an expression). */
export function celEnvironment(): Environment {
  return (shared ??= build());
}

// Kubernetes' strings extension (cel-go ext.Strings) beyond what the evaluator has.
function registerStrings(env: Environment) {
  env.registerFunction('string.charAt(int): string', (s: string, i: bigint) => {
    const chars = [...s];
    if (i < 0n || i > BigInt(chars.length)) throw new Error(`index out of range: ${i}`);
    return chars[Number(i)] ?? '';
  });
  env.registerFunction('string.replace(string, string): string', (s: string, from: string, to: string) => s.split(from).join(to));
  env.registerFunction('string.replace(string, string, int): string', (s: string, from: string, to: string, n: bigint) => {
    if (n < 0n) return s.split(from).join(to);
    const parts = s.split(from);
    const k = Math.min(Number(n), parts.length - 1);
    return parts.slice(0, k + 1).join(to) + (k < parts.length - 1 ? from + parts.slice(k + 1).join(from) : '');
  });
  env.registerFunction('string.reverse(): string', (s: string) => [...s].reverse().join(''));
}

// Kubernetes' regex library: find and findAll (RE2 syntax; JavaScript RegExp here).
function registerRegex(env: Environment) {
  env.registerFunction('string.find(string): string', (s: string, re: string) => new RegExp(re, 'u').exec(s)?.[0] ?? '');
  env.registerFunction('string.findAll(string): list<string>', (s: string, re: string) => [...s.matchAll(new RegExp(re, 'gu'))].map((m) => m[0]));
  env.registerFunction('string.findAll(string, int): list<string>', (s: string, re: string, n: bigint) => {
    const all = [...s.matchAll(new RegExp(re, 'gu'))].map((m) => m[0]);
    return n < 0n ? all : all.slice(0, Number(n));
  });
}

type Scalar = bigint | number | string | boolean;
const cmp = (a: Scalar, b: Scalar) => (a < b ? -1 : a > b ? 1 : 0);

// Kubernetes' lists library: isSorted, sum, min, max, indexOf, lastIndexOf.
function registerLists(env: Environment) {
  env.registerFunction('list.isSorted(): bool', (l: Scalar[]) => l.every((x, i) => i === 0 || cmp(l[i - 1], x) <= 0));
  env.registerFunction('list.sum(): dyn', (l: Scalar[]) => {
    if (l.length === 0) return 0n;
    return (l as (bigint | number)[]).reduce((a, b) => {
      if (typeof a !== typeof b) throw new Error('sum: mixed numeric types');
      return (a as number) + (b as number);
    });
  });
  const pick = (name: string, better: (a: Scalar, b: Scalar) => boolean) => (l: Scalar[]) => {
    if (l.length === 0) throw new Error(`${name} called on empty list`);
    return l.reduce((a, b) => (better(b, a) ? b : a));
  };
  env.registerFunction('list.min(): dyn', pick('min', (a, b) => cmp(a, b) < 0));
  env.registerFunction('list.max(): dyn', pick('max', (a, b) => cmp(a, b) > 0));
  env.registerFunction('list.indexOf(dyn): int', (l: unknown[], v: unknown) => BigInt(l.findIndex((x) => sameValue(x, v))));
  env.registerFunction('list.lastIndexOf(dyn): int', (l: unknown[], v: unknown) => BigInt(l.findLastIndex((x) => sameValue(x, v))));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  return JSON.stringify(a, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)) === JSON.stringify(b, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
}

export type Program = ParseResult;

export type Compiled = { ok: true; program: Program; type: string } | { ok: false; message: string };

/**
 * Parses and type-checks one expression. The message follows cel-go's shape ("ERROR: <input>:line:col:
 * text"), which upstream puts after "compilation failed: ".
 */
export function compile(expression: string, want?: 'bool' | 'string'): Compiled {
  const env = celEnvironment();
  let program: Program;
  try {
    program = env.parse(expression);
  } catch (e) {
    return { ok: false, message: errorText(expression, e) };
  }
  const checked = program.check();
  if (!checked.valid) return { ok: false, message: errorText(expression, checked.error) };
  const type = checked.type ?? 'dyn';
  if (want && type !== want && type !== 'dyn') return { ok: false, message: `ERROR: <input>:1:1: must evaluate to ${want} but got ${type}` };
  return { ok: true, program, type };
}

function errorText(expression: string, e: unknown): string {
  const err = e as { summary?: string; message?: string; range?: { start: number } } | undefined;
  const text = err?.summary ?? err?.message ?? String(e);
  const at = err?.range?.start ?? 0;
  const before = expression.slice(0, at).split('\n');
  return `ERROR: <input>:${before.length}:${(before.at(-1)?.length ?? 0) + 1}: ${text}`;
}

/** JSON → CEL values: whole numbers become int (BigInt), as upstream's schemas type them. */
export function toCel(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toCel(v);
    return out;
  }
  return value;
}

/** The text of an evaluation error (without the source highlight the library appends). */
export function evalErrorText(e: unknown): string {
  const err = e as { summary?: string; message?: string } | undefined;
  return err?.summary ?? err?.message ?? String(e);
}
