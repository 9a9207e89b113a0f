// Checking a JSON patch document's shape before anything is applied (RFC 6902 section 4).
import { PatchApplyError, PatchShapeError } from './errors';
import { isObject } from './json-value';
import { parsePointer } from './pointer';

export type OpName = 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';

export interface Operation {
  op: OpName;
  path: string[];
  pathText: string;
  value?: unknown;
  from?: string[];
  fromText?: string;
}

const NEEDS_VALUE = new Set<OpName>(['add', 'replace', 'test']);
const NEEDS_FROM = new Set<OpName>(['move', 'copy']);
const OPS = new Set<string>(['add', 'remove', 'replace', 'move', 'copy', 'test']);

/** Go's name for a JSON value's kind, as its decoder reports a type mismatch. */
function goKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (isObject(v)) return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

/** Throws PatchApplyError (to become a 400) when the document is not a list of well-formed operations. */
export function decodeJsonPatch(doc: unknown): Operation[] {
  // Go decodes `null` into an empty patch.
  if (doc === null) return [];
  if (!Array.isArray(doc)) throw new PatchShapeError(`json: cannot unmarshal ${goKind(doc)} into Go value of type jsonpatch.Patch`);
  return doc.map((raw, i) => {
    if (!isObject(raw)) throw new PatchShapeError(`json: cannot unmarshal ${goKind(raw)} into Go value of type jsonpatch.Operation`);
    const where = `operation ${i}`;
    const op = Object.hasOwn(raw, 'op') ? raw.op : undefined;
    if (typeof op !== 'string' || !OPS.has(op)) throw new PatchApplyError(`${where}: Unexpected kind: ${typeof op === 'string' ? op : 'unknown'}`);
    const name = op as OpName;
    const path = Object.hasOwn(raw, 'path') ? raw.path : undefined;
    if (typeof path !== 'string') throw new PatchApplyError(`${where}: ${name} operation missing path field`);
    const out: Operation = { op: name, path: parsePointer(path), pathText: path };
    if (NEEDS_VALUE.has(name)) {
      if (!Object.hasOwn(raw, 'value')) throw new PatchApplyError(`${where}: ${name} operation missing value field`);
      out.value = raw.value;
    }
    if (NEEDS_FROM.has(name)) {
      const from = Object.hasOwn(raw, 'from') ? raw.from : undefined;
      if (typeof from !== 'string') throw new PatchApplyError(`${where}: ${name} operation missing from field`);
      out.from = parsePointer(from);
      out.fromText = from;
    }
    return out;
  });
}
