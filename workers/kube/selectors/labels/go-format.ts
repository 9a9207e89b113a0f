// Go's %q and %#v renderings, so error messages read like the ones kubectl users already know.

const escapes: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Go's %q for a string: printable characters kept, the rest escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const esc = escapes[ch];
    if (esc) out += esc;
    else if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(ch)) {
      const cp = ch.codePointAt(0) ?? 0;
      out += cp < 0x80 ? `\\x${cp.toString(16).padStart(2, '0')}` : cp <= 0xffff ? `\\u${cp.toString(16).padStart(4, '0')}` : `\\U${cp.toString(16).padStart(8, '0')}`;
    } else out += ch;
  }
  return out + '"';
}

/** Go's %#v for a []string; `nil` distinguishes a missing list from an empty one. */
export function goStringSlice(values: readonly string[] | null): string {
  if (values === null) return '[]string(nil)';
  return `[]string{${values.map(goQuote).join(', ')}}`;
}

/** One field.Error of type Invalid, as its Error() prints it. */
export function invalidValue(path: string, shown: string, detail: string): string {
  return `${path}: Invalid value: ${shown}: ${detail}`;
}

/** An aggregate of errors prints bare when alone and bracketed when several. */
export function aggregate(messages: readonly string[]): string {
  return messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
}
