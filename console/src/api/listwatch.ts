// List, then watch from the list's resourceVersion, as client-go's reflector does: the state is rebuilt
// from a fresh list when the watch is too old (410), and the watch resumes after a dropped stream.
import { Api, ApiError, TABLE_ACCEPT } from './client';
import { NdjsonSplitter } from './ndjson';

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  object: any;
}

/** How one kind of state is built from a list response and advanced by an event. */
export interface Reducer<S> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  fromList(body: any): S;
  apply(state: S, ev: WatchEvent): S;
  resourceVersion(state: S): string | undefined;
}

export interface ListWatchOptions<S> {
  api: Api;
  /** The collection path; query parameters (fieldSelector, ...) allowed. */
  path: string;
  table: boolean;
  reducer: Reducer<S>;
  onState(state: S): void;
  onError(err: ApiError | undefined): void;
}

/** Starts listing and watching; returns stop(). */
export function listWatch<S>(o: ListWatchOptions<S>): () => void {
  const abort = new AbortController();
  const accept = o.table ? TABLE_ACCEPT : 'application/json';
  const sep = o.path.includes('?') ? '&' : '?';
  let state: S | undefined;
  let failures = 0;

  const loop = async () => {
    while (!abort.signal.aborted) {
      try {
        if (state === undefined) {
          state = o.reducer.fromList(await o.api.json(o.path, { accept, signal: abort.signal }));
          o.onState(state);
          o.onError(undefined);
        }
        const rv = o.reducer.resourceVersion(state);
        const res = await o.api.fetch(`${o.path}${sep}watch=1&allowWatchBookmarks=true${rv ? `&resourceVersion=${encodeURIComponent(rv)}` : ''}`, { accept, signal: abort.signal });
        failures = 0;
        o.onError(undefined);
        const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
        const lines = new NdjsonSplitter<WatchEvent>();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          for (const ev of lines.push(value)) {
            if (ev.type === 'ERROR') {
              // 410 Gone: our resourceVersion was compacted away; list again.
              if (ev.object?.code === 410) state = undefined;
              else o.onError(new ApiError(ev.object?.code ?? 500, ev.object?.message ?? 'watch error'));
              continue;
            }
            state = o.reducer.apply(state!, ev);
            o.onState(state);
          }
        }
      } catch (err) {
        if (abort.signal.aborted) return;
        const e = err instanceof ApiError ? err : new ApiError(0, `watch interrupted: ${(err as Error).message}`);
        if (e.code === 410) state = undefined;
        else {
          o.onError(e);
          if (e.code === 401 || e.code === 403 || e.code === 404) return;
        }
        failures++;
        await sleep(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)), abort.signal);
      }
    }
  };
  void loop();
  return () => abort.abort();
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

/** Full objects keyed by uid (the overview and the detail page's related objects). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface ObjectsState<T = any> {
  items: Map<string, T>;
  resourceVersion?: string;
}

export const objectsReducer: Reducer<ObjectsState> = {
  fromList(body) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { items: new Map((body.items ?? []).map((o: any) => [keyOf(o), o])), resourceVersion: body.metadata?.resourceVersion };
  },
  apply(state, ev) {
    const resourceVersion = ev.object?.metadata?.resourceVersion ?? state.resourceVersion;
    if (ev.type === 'BOOKMARK') return { ...state, resourceVersion };
    const items = new Map(state.items);
    if (ev.type === 'DELETED') items.delete(keyOf(ev.object));
    else items.set(keyOf(ev.object), ev.object);
    return { items, resourceVersion };
  },
  resourceVersion: (s) => s.resourceVersion,
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function keyOf(o: any): string {
  return o.metadata?.uid ?? `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}
