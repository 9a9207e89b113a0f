// Reading and changing a location inside a document, with RFC 6902's rules for arrays and objects.
import { PatchApplyError } from './errors';
import { hasKey, isObject, setKey } from './json-value';
import { arrayIndex } from './pointer';

export const MISSING: unique symbol = Symbol('missing');

/** A holder so that the document root can be replaced like any other location. */
export interface Doc {
  root: unknown;
}

const quoted = (path: string[]) => JSON.stringify(path.map((t) => `/${t.replace(/~/g, '~0').replace(/\//g, '~1')}`).join(''));

export function missing(op: string, path: string[], what = 'path'): never {
  throw new PatchApplyError(`${op} operation does not apply: doc is missing ${what}: ${quoted(path)}: missing value`);
}

function badIndex(op: string, path: string[]): never {
  throw new PatchApplyError(`${op} operation does not apply: invalid index referenced: ${quoted(path)}`);
}

export function get(doc: Doc, path: string[]): unknown {
  let cur: unknown = doc.root;
  for (const token of path) {
    if (Array.isArray(cur)) {
      const i = arrayIndex(token);
      if (i === undefined || i >= cur.length) return MISSING;
      cur = cur[i];
    } else if (isObject(cur) && hasKey(cur, token)) cur = cur[token];
    else return MISSING;
  }
  return cur;
}

function parent(doc: Doc, op: string, path: string[]): unknown[] | Record<string, unknown> {
  const p = get(doc, path.slice(0, -1));
  if (Array.isArray(p) || isObject(p)) return p;
  return missing(op, path);
}

export function add(doc: Doc, op: string, path: string[], value: unknown): void {
  if (path.length === 0) {
    doc.root = value;
    return;
  }
  const p = parent(doc, op, path);
  const token = path[path.length - 1];
  if (!Array.isArray(p)) return setKey(p, token, value);
  if (token === '-') {
    p.push(value);
    return;
  }
  const i = arrayIndex(token);
  if (i === undefined || i > p.length) badIndex(op, path);
  p.splice(i, 0, value);
}

export function remove(doc: Doc, op: string, path: string[]): unknown {
  if (path.length === 0) throw new PatchApplyError(`${op} operation does not apply: the document root cannot be removed`);
  const p = parent(doc, op, path);
  const token = path[path.length - 1];
  if (Array.isArray(p)) {
    const i = arrayIndex(token);
    if (i === undefined || i >= p.length) badIndex(op, path);
    return p.splice(i, 1)[0];
  }
  if (!hasKey(p, token)) missing(op, path);
  const old = p[token];
  delete p[token];
  return old;
}

export function replace(doc: Doc, op: string, path: string[], value: unknown): void {
  if (path.length === 0) {
    doc.root = value;
    return;
  }
  const p = parent(doc, op, path);
  const token = path[path.length - 1];
  if (Array.isArray(p)) {
    const i = arrayIndex(token);
    if (i === undefined || i >= p.length) badIndex(op, path);
    p[i] = value;
  } else if (hasKey(p, token)) setKey(p, token, value);
  else missing(op, path, 'key');
}
