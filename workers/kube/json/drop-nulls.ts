// Go decodes a JSON null into the field's zero value, so `"labels": null` means "no labels".
// The server strips such keys before validation so that both spellings behave the same.

/** Returns a copy without object keys whose value is null; nulls inside arrays are kept, as Go keeps them. */
export function dropNulls<T>(value: T): T {
  return strip(value) as T;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // defineProperty keeps a literal "__proto__" key as data instead of changing the prototype.
    if (v !== null) Object.defineProperty(out, k, { value: strip(v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
