// JSON patch (RFC 6902): an ordered list of operations applied to a copy of the document.
import { deepEqual } from '../json';
import { tooLarge } from '../status';
import { decodeJsonPatch, type Operation } from './decode';
import { add, get, MISSING, missing, remove, replace, type Doc } from './document';
import { malformedPatch, PatchApplyError, PatchShapeError, patchDoesNotApply } from './errors';
import { clone } from './json-value';

/** Upstream's cap on operations in one JSON patch. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

const isPrefix = (prefix: string[], path: string[]) => prefix.length < path.length && prefix.every((t, i) => path[i] === t);

function applyOne(doc: Doc, o: Operation): void {
  switch (o.op) {
    case 'add':
      return add(doc, o.op, o.path, clone(o.value));
    case 'remove':
      remove(doc, o.op, o.path);
      return;
    case 'replace':
      return replace(doc, o.op, o.path, clone(o.value));
    case 'move': {
      const from = o.from ?? [];
      if (isPrefix(from, o.path)) throw new PatchApplyError(`move operation does not apply: cannot move ${JSON.stringify(o.fromText)} into its own child ${JSON.stringify(o.pathText)}`);
      if (get(doc, from) === MISSING) missing(o.op, from, 'from path');
      return add(doc, o.op, o.path, remove(doc, o.op, from));
    }
    case 'copy': {
      const value = get(doc, o.from ?? []);
      if (value === MISSING) missing(o.op, o.from ?? [], 'from path');
      return add(doc, o.op, o.path, clone(value));
    }
    case 'test': {
      const value = get(doc, o.path);
      if (value === MISSING || !deepEqual(value, o.value)) throw new PatchApplyError(`testing value ${o.pathText} failed: test failed`);
      return;
    }
  }
}

/**
 * Applies `ops` (the decoded request body) to a copy of `target` and returns the copy.
 * A patch that is not a list of objects: 400 BadRequest; malformed operations: 422. Too many operations: 413. An operation that cannot apply
 * (missing path, index out of range, failed test): 422 Invalid. Inputs are never modified.
 */
export function applyJsonPatch(target: unknown, ops: unknown): unknown {
  let decoded: Operation[];
  try {
    decoded = decodeJsonPatch(ops);
  } catch (e) {
    if (e instanceof PatchShapeError) throw malformedPatch(e.message);
    if (e instanceof PatchApplyError) throw patchDoesNotApply(e.message);
    throw e;
  }
  if (decoded.length > MAX_JSON_PATCH_OPERATIONS) {
    throw tooLarge(`Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${decoded.length}`);
  }
  const doc: Doc = { root: clone(target) };
  try {
    for (const o of decoded) applyOne(doc, o);
  } catch (e) {
    if (e instanceof PatchApplyError) throw patchDoesNotApply(e.message);
    throw e;
  }
  return doc.root;
}
