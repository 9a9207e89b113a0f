// A small JSONPath evaluator for CRD additionalPrinterColumns: dotted fields, ['quoted'] keys,
// [n] / [-n] indexes, [*] and .* wildcards, and [?(@.path op literal)] filters (==, !=, <, <=, >, >=,
// or bare existence). Unsupported syntax yields no results, which prints as an empty cell.

type Literal = string | number | boolean;

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'all' }
  | { kind: 'filter'; path: Step[]; op?: string; value?: Literal };

export class JsonPathError extends Error {}

function closing(src: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < src.length; i++) {
    const ch = src[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) return i;
  }
  throw new JsonPathError(`unclosed [ in ${src}`);
}

function literal(text: string): Literal {
  const t = text.trim();
  if (/^(['"]).*\1$/.test(t)) return t.slice(1, -1);
  if (t === 'true' || t === 'false') return t === 'true';
  const n = Number(t);
  if (t !== '' && !Number.isNaN(n)) return n;
  throw new JsonPathError(`unsupported literal ${t}`);
}

function filterStep(body: string): Step {
  const m = /^\s*@((?:\.[^\s=!<>]+|\[[^\]]*\])*)\s*(?:(==|!=|<=|>=|<|>)\s*(.+?))?\s*$/.exec(body);
  if (!m) throw new JsonPathError(`unsupported filter ${body}`);
  const path = parsePath(m[1]);
  return m[2] ? { kind: 'filter', path, op: m[2], value: literal(m[3]) } : { kind: 'filter', path };
}

function bracketStep(body: string): Step {
  const b = body.trim();
  if (b.startsWith('?(') && b.endsWith(')')) return filterStep(b.slice(2, -1));
  if (b === '*') return { kind: 'all' };
  if (/^-?\d+$/.test(b)) return { kind: 'index', index: Number(b) };
  if (/^(['"]).*\1$/.test(b)) return { kind: 'field', name: b.slice(1, -1) };
  throw new JsonPathError(`unsupported subscript [${body}]`);
}

/** Parses ".a.b[0]", also accepting the kubectl-style "{.a.b}" wrapper. */
export function parsePath(src: string): Step[] {
  let s = src.trim();
  if (s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1);
  const steps: Step[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === '[') {
      const end = closing(s, i);
      steps.push(bracketStep(s.slice(i + 1, end)));
      i = end + 1;
      continue;
    }
    if (s[i] === '.') i++;
    let j = i;
    while (j < s.length && s[j] !== '.' && s[j] !== '[') j++;
    const name = s.slice(i, j);
    if (name === '*') steps.push({ kind: 'all' });
    else if (name !== '') steps.push({ kind: 'field', name });
    else if (j === i && i < s.length && s[i] !== '[') throw new JsonPathError(`empty field in ${src}`);
    i = j;
  }
  return steps;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function compare(a: unknown, op: string, b: Literal): boolean {
  if (op === '==') return a === b;
  if (op === '!=') return a !== b;
  if (typeof a !== typeof b || (typeof a !== 'number' && typeof a !== 'string')) return false;
  const x = a as number | string;
  return op === '<' ? x < b : op === '<=' ? x <= b : op === '>' ? x > b : x >= b;
}

function apply(step: Step, v: unknown): unknown[] {
  switch (step.kind) {
    case 'field':
      return isObject(v) && Object.hasOwn(v, step.name) ? [v[step.name]] : [];
    case 'index': {
      if (!Array.isArray(v)) return [];
      const i = step.index < 0 ? v.length + step.index : step.index;
      return i >= 0 && i < v.length ? [v[i]] : [];
    }
    case 'all':
      // Map values come out in key order, as upstream sorts them.
      return Array.isArray(v) ? v : isObject(v) ? Object.keys(v).sort().map((k) => v[k]) : [];
    case 'filter': {
      if (!Array.isArray(v)) return [];
      return v.filter((item) => {
        const found = evaluate(step.path, item);
        if (step.op === undefined) return found.length > 0;
        return found.length > 0 && compare(found[0], step.op, step.value!);
      });
    }
  }
}

export function evaluate(steps: Step[], root: unknown): unknown[] {
  let values: unknown[] = [root];
  for (const step of steps) values = values.flatMap((v) => apply(step, v));
  return values;
}

/** Every value the path selects, in document order; [] when nothing matches. */
export function jsonPathValues(path: string, root: unknown): unknown[] {
  return evaluate(parsePath(path), root);
}
