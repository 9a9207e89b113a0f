// One pass over a JSON text before JSON.parse: refuses nesting deeper than Go's decoder allows (a
// recursive walk of such a document would overflow the stack) and finds duplicate object keys, which
// JSON.parse silently collapses but Kubernetes reports under fieldValidation Strict/Warn.
import { badRequest } from '../../../kube/status';

export const MAX_DEPTH = 10_000;

interface Frame {
  keys: Set<string> | null; // null for arrays
  expectKey: boolean;
  lastKey: string;
}

/** Returns the dotted paths of duplicated keys ([] when none); throws 400 when nested too deep. */
export function scanJson(text: string): string[] {
  const stack: Frame[] = [];
  const duplicates: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) {
          escaped = true;
          i++;
        } else if (d === 34) break;
      }
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectKey) {
        const raw = text.slice(start + 1, i);
        let key = raw;
        if (escaped) {
          try {
            key = JSON.parse(text.slice(start, i + 1)) as string;
          } catch {
            key = raw;
          }
        }
        if (top.keys.has(key)) duplicates.push([...stack.slice(0, -1).map((f) => f.lastKey).filter(Boolean), key].join('.'));
        else top.keys.add(key);
        top.lastKey = key;
        top.expectKey = false;
      }
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (stack.length >= MAX_DEPTH) throw badRequest(`json: exceeded max depth of ${MAX_DEPTH}`);
      stack.push({ keys: c === 123 ? new Set() : null, expectKey: c === 123, lastKey: '' });
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop();
    } else if (c === 44 /* , */) {
      const top = stack[stack.length - 1];
      if (top?.keys) top.expectKey = true;
    }
  }
  return duplicates;
}
