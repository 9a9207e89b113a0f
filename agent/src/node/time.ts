// The two time formats of the API: metav1.Time (seconds) and metav1.MicroTime (Leases).

/** RFC 3339 with second precision (metav1.Time). */
export function timeOf(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** RFC 3339 with microsecond precision (metav1.MicroTime). */
export function microTimeOf(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
