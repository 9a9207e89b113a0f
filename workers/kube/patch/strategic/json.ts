// Plain-JSON helpers. Every read goes through own() and every write through setOwn(), so keys such as
// `constructor` or `prototype` are ordinary data and `__proto__` can never reach Object.prototype.

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function has(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** An own property's value; inherited members (`constructor`, `toString`) read as absent. */
export function own(o: object, key: string): unknown {
  return has(o, key) ? (o as JsonObject)[key] : undefined;
}

/** Defines an own data property, so assigning `__proto__` cannot change the prototype. */
export function setOwn(o: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
}

export function deepClone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(deepClone) as T;
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v)) setOwn(out, k, deepClone(v[k]));
    return out as T;
  }
  return v;
}

/** RFC 7386 JSON merge patch, used for free-form subtrees (no schema to drive a strategic merge). */
export function jsonMerge(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return deepClone(patch);
  const out: JsonObject = isObject(target) ? deepClone(target) : {};
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (v === null) delete out[k];
    else setOwn(out, k, jsonMerge(own(out, k), v));
  }
  return out;
}

/** Finds a `__proto__` key anywhere in a value (returns its path), so such patches can be refused. */
export function findProtoKey(v: unknown, path = ''): string | undefined {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const hit = findProtoKey(v[i], `${path}[${i}]`);
      if (hit !== undefined) return hit;
    }
  } else if (isObject(v)) {
    for (const k of Object.keys(v)) {
      const p = path ? `${path}.${k}` : k;
      if (k === '__proto__') return p;
      const hit = findProtoKey(v[k], p);
      if (hit !== undefined) return hit;
    }
  }
  return undefined;
}

/** Renders a value roughly as Go's `%v` does, so error messages read like upstream's. */
export function goString(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goString).join(' ')}]`;
  if (isObject(v)) return `map[${Object.keys(v).sort().map((k) => `${k}:${goString(v[k])}`).join(' ')}]`;
  return String(v);
}
