// JSON pointers (RFC 6901): "/a/b~1c/0" names a.["b/c"][0]; "" is the whole document.
import { PatchApplyError } from './errors';

/** Throws PatchApplyError for text that is not a pointer at all (a malformed patch, not a missing path). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchApplyError(`invalid JSON pointer ${JSON.stringify(pointer)}: must be empty or start with "/"`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => {
      if (/~(?![01])/.test(token)) throw new PatchApplyError(`invalid JSON pointer ${JSON.stringify(pointer)}: "~" must be followed by "0" or "1"`);
      // ~1 first, so that "~01" becomes "~1" and not "/".
      return token.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

/** An array index token: digits without leading zeros; "-" (past the end) is handled by callers. */
export function arrayIndex(token: string): number | undefined {
  return /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : undefined;
}
