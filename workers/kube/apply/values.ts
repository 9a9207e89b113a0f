// JSON helpers shared by the apply walkers. Objects here come from parsed JSON, so own keys only.
import { deepClone, isObject, setOwn, type JsonObject } from '../patch/strategic/json';

export { deepClone, isObject, setOwn, type JsonObject };

/** JSON `null` means "no value" here: stored objects never keep nulls. */
export const present = (v: unknown): boolean => v !== undefined && v !== null;

export const isEmptyObject = (v: unknown): boolean => isObject(v) && Object.keys(v).length === 0;

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}
