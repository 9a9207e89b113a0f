/** D1 reports rows written per statement; drizzle passes the D1 result through. */
export function rowsChanged(result: unknown): number {
  const meta = (result as { meta?: { changes?: number } })?.meta;
  return meta?.changes ?? 0;
}

/** drizzle wraps D1 errors (DrizzleQueryError); the SQLite text is on `.cause`. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (String((e as Error).message ?? e).includes('UNIQUE constraint failed')) return true;
  }
  return false;
}
