// Safe handling of decoded JSON: copies that never alias, and keys like "__proto__" kept as plain data.

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own keys only: an inherited `constructor` or `toString` is never part of a document. */
export function hasKey(o: JsonObject, key: string): boolean {
  return Object.hasOwn(o, key);
}

/** Assignment would run the `__proto__` setter and change the prototype; defining a property does not. */
export function setKey(o: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

export function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const k of Object.keys(v)) setKey(out, k, clone(v[k]));
  return out as T;
}
