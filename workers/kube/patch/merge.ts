// JSON merge patch (RFC 7386): objects merge key by key, null deletes, anything else replaces.
import { clone, hasKey, isObject, setKey, type JsonObject } from './json-value';

/** Returns the patched document; neither argument is modified. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch);
  const out: JsonObject = isObject(target) ? clone(target) : {};
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value === null) delete out[key];
    else setKey(out, key, applyMergePatch(hasKey(out, key) ? out[key] : undefined, value));
  }
  return out;
}
