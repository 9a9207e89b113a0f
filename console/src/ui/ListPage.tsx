// One kind's list: the server's Table (kubectl get's columns), live through a Table watch, with a
// namespace switcher, text and label filters and sortable columns; every state lives in the URL.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { Api } from '../api/client';
import { objectsReducer, type Reducer } from '../api/listwatch';
import { collectionPath, kindByKey } from '../resources/kinds';
import { formatRoute, type Route } from '../router';
import { applyEvent, cellText, displayColumns, filterRows, fromTable, parseSort, sortRows, type TableState } from '../table/model';
import { parseSelector } from '../table/selector';
import { Empty, ErrorBox, Loading } from './common';
import { useListWatch, useNow } from './hooks';

const tableReducer: Reducer<TableState> = { fromList: fromTable, apply: applyEvent, resourceVersion: (s) => s.resourceVersion };
/** Rows rendered at most; a filter narrows the rest (5,000 live rows stay responsive). */
const MAX_ROWS = 1000;

type ListRoute = Extract<Route, { page: 'list' }>;

export function ListPage({ api, route }: { api: Api; route: ListRoute }) {
  const info = kindByKey(route.kind);
  const ns = info?.namespaced && route.ns ? route.ns : undefined;
  const live = useListWatch(api, info && collectionPath(info, ns), true, tableReducer);
  const namespaces = useListWatch(api, info?.namespaced ? '/api/v1/namespaces' : undefined, false, objectsReducer);
  const now = useNow();
  const filterRef = useRef<HTMLInputElement>(null);
  const selector = useMemo(() => parseSelector(route.l ?? ''), [route.l]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement)) {
        e.preventDefault();
        filterRef.current?.focus();
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  if (!info) {
    return (
      <section>
        <h1>Unknown kind</h1>
        <p>The console does not list “{route.kind}”. Pick a kind from the menu.</p>
      </section>
    );
  }
  const go = (patch: Partial<ListRoute>) => location.replace(formatRoute({ ...route, ...patch }));
  const columns = live.state ? displayColumns(live.state.columns, info.namespaced && !ns) : [];
  const rows = live.state ? sortRows(filterRows(live.state.rows.values(), { text: route.q, selector: selector.ok ? selector.requirements : undefined }), columns, route.sort) : [];
  const total = live.state?.rows.size ?? 0;
  // The name links to the detail page (Events print no name: their first column does).
  const linkColumn = columns.find((c) => c.name === 'Name') ?? columns.find((c) => c.index >= 0);
  const sort = parseSort(route.sort);
  const nextSort = (name: string) => (sort.column !== name ? name : sort.desc ? undefined : `-${name}`);
  const nsNames = namespaces.state ? [...namespaces.state.items.values()].map((n) => n.metadata.name as string).sort() : [];

  return (
    <section aria-labelledby="list-title">
      <h1 id="list-title">
        {info.title}
        {live.state && <span class="count" data-testid="row-count">{rows.length === total ? total : `${rows.length} of ${total}`}</span>}
      </h1>
      <div class="toolbar" role="search">
        {info.namespaced && (
          <label>
            Namespace
            <select value={ns ?? ''} onChange={(e) => go({ ns: (e.target as HTMLSelectElement).value || undefined })} aria-label="Namespace">
              <option value="">All namespaces</option>
              {ns && !nsNames.includes(ns) && <option value={ns}>{ns}</option>}
              {nsNames.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Filter
          <input ref={filterRef} type="search" placeholder="text (press /)" value={route.q ?? ''} onInput={(e) => go({ q: (e.target as HTMLInputElement).value || undefined })} aria-label="Filter by text" />
        </label>
        <label>
          Labels
          <input type="search" placeholder="app=web,tier!=db" value={route.l ?? ''} onInput={(e) => go({ l: (e.target as HTMLInputElement).value || undefined })} aria-label="Filter by label selector" aria-invalid={!selector.ok} />
        </label>
      </div>
      {!selector.ok && (
        <p class="error" role="alert">
          Label selector: {selector.error}
        </p>
      )}
      <ErrorBox error={live.error} />
      {!live.state ? (
        !live.error && <Loading what={info.title} />
      ) : total === 0 ? (
        <Empty>
          No {info.title} {ns ? `in namespace ${ns}` : ''} yet. Create one with <code>kubectl apply -f</code>; it appears here as soon as it exists.
        </Empty>
      ) : rows.length === 0 ? (
        <Empty>No {info.title} match the filter.</Empty>
      ) : (
        <div class="scroll">
          <table class="grid list" data-testid="list">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.name} scope="col" aria-sort={sort.column === c.name ? (sort.desc ? 'descending' : 'ascending') : undefined}>
                    <button type="button" onClick={() => go({ sort: nextSort(c.name) })} title={`Sort by ${c.name}`}>
                      {c.name.toUpperCase()}
                      <span aria-hidden="true">{sort.column === c.name ? (sort.desc ? ' ▼' : ' ▲') : ''}</span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, MAX_ROWS).map((r) => (
                <tr key={r.key} data-name={r.name}>
                  {columns.map((c) => (
                    <td key={c.name}>
                      {c === linkColumn ? (
                        <a href={formatRoute({ page: 'detail', kind: info.key, ns: r.namespace, name: r.name })}>{cellText(r, c, now)}</a>
                      ) : (
                        cellText(r, c, now)
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > MAX_ROWS && <p class="hint">Showing the first {MAX_ROWS} of {rows.length}; narrow the filter to see the rest.</p>}
        </div>
      )}
    </section>
  );
}
