// Building one requirement with upstream's checks (labels.NewRequirement).
import { labelValue, qualifiedName } from '../../validation/names';
import { aggregate, goQuote, goStringSlice, invalidValue } from './go-format';
import type { Operator, Requirement } from './types';

/** A parser-internal failure; callers prefix it and turn it into a 400. */
export class SelectorSyntaxError extends Error {}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseInt(s, 10, 64): optional sign, decimal digits, int64 range. */
export function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

/** Returns the key's problems as one field error message, or undefined when valid. */
export function keyError(key: string, path: string): string | undefined {
  const errs = qualifiedName(key);
  return errs.length ? invalidValue(path, goQuote(key), errs.join('; ')) : undefined;
}

/**
 * Validates and builds a requirement. `path` is the field path prefix ('' means none: upstream's nil path
 * renders the key error as `key: ...` and value errors as `values[0][key]: ...`).
 * `values` null stands for a Go nil slice, which only matters for how an error prints it.
 */
export function newRequirement(key: string, operator: Operator, values: readonly string[] | null, path = ''): Requirement {
  const vals = values ?? [];
  const child = (name: string) => (path ? `${path}.${name}` : name);
  const errs: string[] = [];
  const kerr = keyError(key, child('key'));
  if (kerr) errs.push(kerr);
  const vpath = child('values');
  switch (operator) {
    case 'in':
    case 'notin':
      if (vals.length === 0) errs.push(invalidValue(vpath, goStringSlice(values), "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (vals.length !== 1) errs.push(invalidValue(vpath, goStringSlice(values), 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (vals.length !== 0) errs.push(invalidValue(vpath, goStringSlice(values), 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (vals.length !== 1) errs.push(invalidValue(vpath, goStringSlice(values), "for 'Gt', 'Lt' operators, exactly one value is required"));
      vals.forEach((v, i) => {
        if (parseInt64(v) === undefined) errs.push(invalidValue(`${vpath}[${i}]`, goQuote(v), "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
  }
  vals.forEach((v, i) => {
    const problems = labelValue(v);
    if (problems.length) errs.push(invalidValue(`${vpath}[${i}][${key}]`, goQuote(v), problems.join('; ')));
  });
  if (errs.length) throw new SelectorSyntaxError(aggregate(errs));
  return { key, operator, values: [...vals] };
}

/** Orders requirements by key the way upstream does before printing or matching. */
export function byKey(reqs: readonly Requirement[]): Requirement[] {
  return [...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
