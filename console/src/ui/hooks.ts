// Preact hooks over the pure pieces: the current route, a live list, a ticking clock.
import { useEffect, useState } from 'preact/hooks';
import type { Api, ApiError } from '../api/client';
import { listWatch, type Reducer } from '../api/listwatch';
import { parseRoute, type Route } from '../router';

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

export interface Live<S> {
  state?: S;
  error?: ApiError;
}

/** A list kept current by watch; restarts when the path changes, stops on unmount. */
export function useListWatch<S>(api: Api, path: string | undefined, table: boolean, reducer: Reducer<S>): Live<S> {
  const [live, setLive] = useState<Live<S>>({});
  useEffect(() => {
    setLive({});
    if (!path) return;
    return listWatch({
      api,
      path,
      table,
      reducer,
      onState: (state) => setLive((l) => ({ ...l, state })),
      onError: (error) => setLive((l) => (l.error === error ? l : { ...l, error })),
    });
  }, [api, path, table, reducer]);
  return live;
}

/** Date.now(), refreshed every `ms` (ages keep counting). */
export function useNow(ms = 5000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/**
 * A list re-read every `ms`: for the overview's secondary lists, so that the page holds few streams
 * (a browser opens at most 6 HTTP/1.1 connections to one host, and each watch keeps one).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
/** `refresh`: any change re-reads at once (e.g. a deep link to a kind not known yet). */
export function usePolledList<T = any>(api: Api, path: string, ms = 5000, refresh?: unknown): Live<T[]> {
  const [live, setLive] = useState<Live<T[]>>({});
  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const list = await api.json<{ items?: T[] }>(path, { signal: abort.signal });
        setLive({ state: list.items ?? [] });
      } catch (err) {
        if (abort.signal.aborted) return;
        setLive((l) => ({ ...l, error: err as ApiError }));
      }
      if (!abort.signal.aborted) timer = setTimeout(tick, ms);
    };
    void tick();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [api, path, ms, refresh]);
  return live;
}
