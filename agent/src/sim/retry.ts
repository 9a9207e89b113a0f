// Registration is a one-shot step (a node that fails it is reported as failed), so a dropped
// connection or an overloaded server (5xx, 429) is tried again a few times with back-off first.
import { StatusError } from '../../../workers/kube/status';

export function isTransient(e: unknown): boolean {
  if (e instanceof StatusError) return e.code >= 500 || e.code === 429;
  return true; // a network error: the request may never have arrived
}

export async function retryTransient<T>(fn: () => Promise<T>, attempts = 5, baseMs = 250): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i + 1 >= attempts || !isTransient(e)) throw e;
      await new Promise((r) => setTimeout(r, baseMs * 2 ** i));
    }
  }
}
