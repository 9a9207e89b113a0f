// Miniflare's Node-side proxy makes synchronous calls (a D1 binding's `prepare`, used by the start-up's
// migrations and tokens) through a worker thread, and asserts that the reply it reads is the one it
// asked for. That assertion (SynchronousFetcher's) failed once inside applyMigrations during a full
// clean-clone CI run (2026-11-28; first seen, cause not found). Only a fresh Miniflare is known to be
// in step again, so startStack starts once more when it sees this.

export function isProxyDesync(err: unknown): boolean {
  const e = err as { code?: string; stack?: string };
  return e?.code === 'ERR_ASSERTION' && /SynchronousFetcher/.test(e.stack ?? '');
}
