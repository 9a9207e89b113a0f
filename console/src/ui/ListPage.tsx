// One kind's list: the server's Table (kubectl get's columns), live through a Table watch, with a
// namespace switcher, text and label filters and sortable columns; every state lives in the URL.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Api } from '../api/client';
import { objectsReducer, type Reducer } from '../api/listwatch';
import { collectionPath, kindByKey } from '../resources/kinds';
import { formatRoute, type Route } from '../router';
import { applyEvent, cellText, displayColumns, filterRows, fromTable, parseSort, sortRows, type TableState } from '../table/model';
import { parseSelector } from '../table/selector';
import { scrollToRow, visibleWindow } from '../table/window';
import { Empty, ErrorBox, Loading } from './common';
import { useListWatch, useNow } from './hooks';

const tableReducer: Reducer<TableState> = { fromList: fromTable, apply: applyEvent, resourceVersion: (s) => s.resourceVersion };
/** Row height in px (fixed by the stylesheet: one line per row), for windowed rendering. */
const ROW_HEIGHT = 32;

type ListRoute = Extract<Route, { page: 'list' }>;

export function ListPage({ api, route }: { api: Api; route: ListRoute }) {
  const info = kindByKey(route.kind);
  const ns = info?.namespaced && route.ns ? route.ns : undefined;
  const live = useListWatch(api, info && collectionPath(info, ns), true, tableReducer);
  const namespaces = useListWatch(api, info?.namespaced ? '/api/v1/namespaces' : undefined, false, objectsReducer);
  const now = useNow();
  const filterRef = useRef<HTMLInputElement>(null);
  const selector = useMemo(() => parseSelector(route.l ?? ''), [route.l]);
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const [active, setActive] = useState(-1);
  const frame = useRef(0);
  const onScroll = () => {
    // One state update per animation frame, however many scroll events arrive.
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const el = scroller.current;
      if (el) setView({ top: el.scrollTop, height: el.clientHeight });
    });
  };
  useEffect(() => () => cancelAnimationFrame(frame.current), []);
  useEffect(() => {
    const el = scroller.current;
    if (el) setView({ top: el.scrollTop, height: el.clientHeight });
  }, [!!scroller.current]);

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

  // Filtering and sorting 5,000 rows is the costly part: only when the data or the filters change,
  // never on a scroll frame.
  const allNs = !!info?.namespaced && !ns;
  const rowsMemo = useMemo(() => {
    const columns = live.state ? displayColumns(live.state.columns, allNs) : [];
    const rows = live.state ? sortRows(filterRows(live.state.rows.values(), { text: route.q, selector: selector.ok ? selector.requirements : undefined }), columns, route.sort) : [];
    return { columns, rows };
  }, [live.state, allNs, route.q, selector, route.sort]);

  if (!info) {
    return (
      <section>
        <h1>Unknown kind</h1>
        <p>The console does not list “{route.kind}”. Pick a kind from the menu.</p>
      </section>
    );
  }
  const go = (patch: Partial<ListRoute>) => location.replace(formatRoute({ ...route, ...patch }));
  const columns = rowsMemo.columns;
  const rows = rowsMemo.rows;
  const total = live.state?.rows.size ?? 0;
  // The name links to the detail page (Events print no name: their first column does).
  const linkColumn = columns.find((c) => c.name === 'Name') ?? columns.find((c) => c.index >= 0);
  const sort = parseSort(route.sort);
  const nextSort = (name: string) => (sort.column !== name ? name : sort.desc ? undefined : `-${name}`);
  const win = visibleWindow(rows.length, view.top, view.height, ROW_HEIGHT);
  // Keyboard: arrows (or j/k) move through rows, Home/End jump, Enter opens the row.
  const onKey = (e: KeyboardEvent) => {
    if (rows.length === 0) return;
    const move = (i: number) => {
      e.preventDefault();
      const next = Math.max(0, Math.min(rows.length - 1, i));
      setActive(next);
      const el = scroller.current;
      // The header row is sticky above the rows: keep it out of the reckoning.
      if (el) el.scrollTop = scrollToRow(next, el.scrollTop, el.clientHeight - ROW_HEIGHT, ROW_HEIGHT);
    };
    if (e.key === 'ArrowDown' || e.key === 'j') move(active + 1);
    else if (e.key === 'ArrowUp' || e.key === 'k') move(active - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(rows.length - 1);
    else if (e.key === 'Enter' && rows[active]) {
      e.preventDefault();
      location.hash = formatRoute({ page: 'detail', kind: info.key, ns: rows[active].namespace, name: rows[active].name });
    }
  };
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
        <div class="scroll window" ref={scroller} onScroll={onScroll} onKeyDown={onKey} tabIndex={0} aria-label={`${info.title}: arrow keys move, Enter opens`} data-testid="list-scroll">
          <table class="grid list" data-testid="list" aria-rowcount={rows.length + 1}>
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
              {win.before > 0 && (
                <tr class="spacer" aria-hidden="true" style={{ height: `${win.before}px` }}>
                  <td colSpan={columns.length} />
                </tr>
              )}
              {rows.slice(win.start, win.end).map((r, i) => (
                <tr key={r.key} data-name={r.name} aria-rowindex={win.start + i + 2} class={win.start + i === active ? 'active' : undefined}>
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
              {win.after > 0 && (
                <tr class="spacer" aria-hidden="true" style={{ height: `${win.after}px` }}>
                  <td colSpan={columns.length} />
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
