// Kubernetes timestamps are RFC 3339 strings with second precision; the decisions take `now` as a Date.

/** Milliseconds since the epoch, or undefined for a missing or unparsable time. */
export function timeMs(t: string | null | undefined): number | undefined {
  if (!t) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `now` as the API serializes metav1.Time (no fractional seconds). */
export function timestamp(now: Date): string {
  return new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
