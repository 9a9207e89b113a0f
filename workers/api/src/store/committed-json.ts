// The JSON a committed write stored, kept beside the object it was serialized from, so the handler's
// response splices in the resourceVersion instead of serializing the object a second time.
import { withResourceVersion } from './types';

const written = new WeakMap<object, { plain: string; rv: number }>();

/** `plain` is storedBody(obj) (before sealing), committed at revision `rv`. */
export function rememberCommittedJson(obj: object, plain: string, rv: number): void {
  written.set(obj, { plain, rv });
}

/**
 * The object's JSON as committed, with its resourceVersion, when `obj` is the object a write stored and
 * its resourceVersion still says that write's revision. Handlers must not change such an object after
 * the write except for setting that resourceVersion (create, update, patch and apply do not).
 */
export function committedJson(obj: unknown): string | undefined {
  if (typeof obj !== 'object' || obj === null) return undefined;
  const w = written.get(obj);
  if (!w) return undefined;
  const rv = (obj as { metadata?: { resourceVersion?: unknown } }).metadata?.resourceVersion;
  return rv === String(w.rv) ? withResourceVersion(w.plain, w.rv) : undefined;
}
