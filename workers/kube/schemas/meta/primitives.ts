// Scalar building blocks shared by every Kubernetes schema. JSON `null` is removed before parsing
// (Go decodes null as the zero value), so optional fields need not be nullable.
import { z } from 'zod';

export const int32 = () => z.int32();
export const int64 = () => z.int().meta({ format: 'int64' });
export const str = () => z.string();
export const bool = () => z.boolean();
export const stringMap = () => z.record(z.string(), z.string());

/** A resource quantity: "100m", "1Gi", or a plain number. */
export const quantity = () =>
  z
    .union([z.string(), z.number()])
    .meta({ id: 'io.k8s.apimachinery.pkg.api.resource.Quantity', type: 'string', 'x-kubernetes-int-or-string': true, description: 'Quantity is a fixed-point representation of a number, e.g. "100m", "1Gi", "2".' });

/** IntOrString: 80 or "http" or "25%". */
export const intOrString = () =>
  z
    .union([z.int32(), z.string()])
    .meta({ id: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString', 'x-kubernetes-int-or-string': true, description: 'IntOrString holds an int32 or a string.' });

/** RFC 3339 timestamp (metav1.Time). */
export const time = () =>
  z
    .string()
    .meta({ id: 'io.k8s.apimachinery.pkg.apis.meta.v1.Time', format: 'date-time', description: 'Time is an RFC 3339 date and time, e.g. 2026-01-02T15:04:05Z.' });

export const microTime = () =>
  z
    .string()
    .meta({ id: 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime', format: 'date-time', description: 'MicroTime is an RFC 3339 date and time with microsecond precision.' });

/** A list that merges by key in strategic merge patch and server-side apply. */
export function mapList<T extends z.ZodType>(item: T, key = 'name', opts: { description?: string; mapKeys?: string[] } = {}) {
  return z.array(item).meta({
    'x-kubernetes-patch-merge-key': key,
    'x-kubernetes-patch-strategy': 'merge',
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-list-map-keys': opts.mapKeys ?? [key],
    ...(opts.description ? { description: opts.description } : {}),
  });
}

/** A list of scalars that merges as a set. */
export function setList<T extends z.ZodType>(item: T, description?: string) {
  return z.array(item).meta({ 'x-kubernetes-list-type': 'set', ...(description ? { description } : {}) });
}

/** An atomic list (replaced whole by patches). */
export function atomicList<T extends z.ZodType>(item: T, description?: string) {
  return z.array(item).meta({ 'x-kubernetes-list-type': 'atomic', ...(description ? { description } : {}) });
}

/** Arbitrary JSON (used for free-form fields such as CRD schemas and managedFields.fieldsV1). */
export const anyJson = () => z.unknown();
