// List then watch a collection, like client-go's reflector: the caller gets the full state after each
// list and every change after it. Watches resume from the last revision seen (stream timeouts are
// normal); an expired revision (410) or a failure relists, failures after a capped back-off.
import type { ApiClient } from '../../../workers/kube/client';
import { watchEvents, type WatchEvent } from './watch';

interface Versioned {
  metadata: { resourceVersion?: string };
}

export interface ListWatchOptions<T extends Versioned> {
  api: ApiClient;
  /** Collection path, e.g. "/api/v1/pods". */
  path: string;
  /** Selectors (labelSelector, fieldSelector) for both the list and the watch. */
  params?: Record<string, string>;
  /** Stops the loop; an open stream is cancelled at once. */
  signal: AbortSignal;
  onList(items: T[]): void;
  onEvent(type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: T): void;
  onError?(err: unknown): void;
  /** Called each time the watch is reopened. */
  onRestart?(): void;
  pageSize?: number;
  watchTimeoutSeconds?: number;
  backoffMs?: { initial: number; max: number };
}

class Expired extends Error {}

/** Runs until `signal` aborts; never throws. */
export async function listWatch<T extends Versioned>(opts: ListWatchOptions<T>): Promise<void> {
  const { signal } = opts;
  const backoff = opts.backoffMs ?? { initial: 500, max: 30_000 };
  let failures = 0;
  while (!signal.aborted) {
    try {
      let rv = await list(opts);
      failures = 0;
      while (!signal.aborted) {
        rv = await watchOnce(opts, rv);
        if (!signal.aborted) opts.onRestart?.();
      }
    } catch (e) {
      if (signal.aborted) break;
      opts.onRestart?.();
      if (e instanceof Expired) continue;
      opts.onError?.(e);
      const ms = Math.min(backoff.max, backoff.initial * 2 ** failures++);
      await sleep(ms * (0.5 + Math.random() / 2), signal);
    }
  }
}

async function list<T extends Versioned>(opts: ListWatchOptions<T>): Promise<string> {
  const items: T[] = [];
  let cont = '';
  let rv = '';
  do {
    const page = await abortable(
      opts.api.list<T>(opts.path, { ...opts.params, limit: String(opts.pageSize ?? 500), ...(cont ? { continue: cont } : {}) }),
      opts.signal,
    );
    items.push(...page.items);
    cont = page.metadata.continue ?? '';
    rv = page.metadata.resourceVersion ?? rv;
  } while (cont && !opts.signal.aborted);
  if (!opts.signal.aborted) opts.onList(items);
  return rv;
}

/** Watches from `rv` until the stream ends; returns the last revision seen. */
async function watchOnce<T extends Versioned>(opts: ListWatchOptions<T>, rv: string): Promise<string> {
  const q = new URLSearchParams({
    ...opts.params,
    watch: 'true',
    resourceVersion: rv,
    allowWatchBookmarks: 'true',
    timeoutSeconds: String(opts.watchTimeoutSeconds ?? 300),
  });
  const res = await abortable(opts.api.request('GET', `${opts.path}?${q}`), opts.signal, (late) => void late.body?.cancel());
  for await (const ev of watchEvents<T>(res, opts.signal) as AsyncGenerator<WatchEvent<T>>) {
    if (ev.type === 'ERROR') {
      const status = ev.object as { code?: number; message?: string };
      if (status.code === 410) throw new Expired(status.message);
      throw new Error(`watch error: ${status.message ?? JSON.stringify(status)}`);
    }
    rv = ev.object.metadata.resourceVersion ?? rv;
    if (ev.type !== 'BOOKMARK') opts.onEvent(ev.type, ev.object);
  }
  return rv;
}

/** Rejects when `signal` aborts first; a result that arrives later goes to `discard`. */
function abortable<T>(p: Promise<T>, signal: AbortSignal, discard?: (late: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const onAbort = () => {
      done = true;
      reject(new Error('aborted'));
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        if (done) discard?.(v);
        else resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (!done) reject(e);
      },
    );
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
