// One object: summary (labels, owners, conditions), the objects it owns, its events and its YAML, all
// live (the object, its owned objects and its events are each watched).
import type { Api } from '../api/client';
import { objectsReducer } from '../api/listwatch';
import { conditionsOf, ownedBy, ownedKind, ownerLinks, secretKeys, toYaml } from '../detail/related';
import { eventTime, type EventLike } from '../overview/summary';
import { collectionPath, kindByKey } from '../resources/kinds';
import { formatRoute, type Route } from '../router';
import { humanDuration } from '../../../workers/kube/printers/duration';
import { useAccess } from './access';
import { Actions } from './Actions';
import { Empty, ErrorBox, Loading, ObjLink } from './common';
import { LogsPanel } from './LogsPanel';
import { NodeActions } from './NodeActions';
import { RolloutActions } from './RolloutActions';
import { ShellPanel } from './ShellPanel';
import { useListWatch, useNow } from './hooks';

type DetailRoute = Extract<Route, { page: 'detail' }>;

export function DetailPage({ api, route }: { api: Api; route: DetailRoute }) {
  const info = kindByKey(route.kind);
  const ns = info?.namespaced ? route.ns : undefined;
  const field = (f: string) => `fieldSelector=${encodeURIComponent(f)}`;
  const self = useListWatch(api, info && `${collectionPath(info, ns)}?${field(`metadata.name=${route.name}`)}`, false, objectsReducer);
  const obj = self.state && [...self.state.items.values()][0];
  const uid: string | undefined = obj?.metadata?.uid;
  const owned = info && ownedKind(info.kind);
  const children = useListWatch(api, owned && uid ? collectionPath(owned, ns) : undefined, false, objectsReducer);
  const eventsPath = uid ? `${ns ? `/api/v1/namespaces/${encodeURIComponent(ns)}/events` : '/api/v1/events'}?${field(`involvedObject.uid=${uid}`)}` : undefined;
  const events = useListWatch(api, info?.kind === 'Event' ? undefined : eventsPath, false, objectsReducer);
  const now = useNow();
  const isPod = info?.kind === 'Pod';
  const attrs = { group: info?.group ?? '', resource: info?.plural ?? '', namespace: ns, name: route.name };
  const can = useAccess(
    api,
    {
      update: info && { ...attrs, verb: 'update' },
      logs: isPod ? { ...attrs, verb: 'get', subresource: 'log' } : undefined,
      exec: isPod ? { ...attrs, verb: 'create', subresource: 'exec' } : undefined,
    },
    [route.kind, ns, route.name],
  );

  if (!info) return <Empty>The console does not know the kind “{route.kind}”.</Empty>;
  const tabs = ['summary', 'yaml', ...(can?.logs ? ['logs'] : []), ...(can?.exec ? ['shell'] : [])];
  const tab = tabs.includes(route.tab ?? '') ? route.tab! : 'summary';
  const tabLink = (t: string) => formatRoute({ ...route, tab: t === 'summary' ? undefined : t });
  const title = `${info.kind} ${ns ? `${ns}/` : ''}${route.name}`;
  return (
    <section aria-labelledby="detail-title">
      <p class="crumbs">
        <a href={formatRoute({ page: 'list', kind: info.key, ns })}>{info.title}</a> / {route.name}
      </p>
      <h1 id="detail-title">{title}</h1>
      <ErrorBox error={self.error} />
      {!self.state ? (
        !self.error && <Loading what={route.name} />
      ) : !obj ? (
        <Empty>
          {info.kind} “{route.name}” does not exist{ns ? ` in namespace ${ns}` : ''} (or was deleted). <a href={formatRoute({ page: 'list', kind: info.key, ns })}>Back to {info.title}</a>.
        </Empty>
      ) : (
        <>
          <div class="actions-row">
            <Actions api={api} info={info} namespace={ns} name={route.name} replicas={obj.spec?.replicas} />
            {can?.update && (
              <a class="button" href={formatRoute({ page: 'apply', edit: `${info.key}/${ns ?? '_'}/${route.name}` })}>
                Edit YAML
              </a>
            )}
          </div>
          <div class="tabs" role="tablist" aria-label="Views">
            {tabs.map((t) => (
              <a key={t} role="tab" href={tabLink(t)} aria-selected={tab === t}>
                {TAB_TITLES[t]}
              </a>
            ))}
          </div>
          {tab === 'logs' ? (
            <LogsPanel api={api} pod={obj} />
          ) : tab === 'shell' ? (
            <ShellPanel token={api.token} pod={obj} />
          ) : tab === 'yaml' ? (
            <pre class="yaml" data-testid="yaml" tabIndex={0} aria-label="YAML">
              {toYaml(obj)}
            </pre>
          ) : (
            <div role="tabpanel">
              {info.kind === 'Node' && <NodeActions api={api} node={obj} />}
              <RolloutActions api={api} info={info} obj={obj} replicaSets={info.kind === 'Deployment' && children.state ? [...children.state.items.values()] : undefined} />
              <Summary obj={obj} now={now} />
              {owned && (
                <article class="card">
                  <h2>{owned.title}</h2>
                  <ErrorBox error={children.error} />
                  {!children.state ? <Loading what={owned.title} /> : <OwnedList items={ownedBy(children.state.items.values(), uid)} ownedKey={owned.key} now={now} />}
                </article>
              )}
              {info.kind !== 'Event' && (
                <article class="card">
                  <h2>Events</h2>
                  <ErrorBox error={events.error} />
                  {!events.state ? <Loading what="events" /> : <EventList events={[...events.state.items.values()]} now={now} />}
                </article>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}

const TAB_TITLES: Record<string, string> = { summary: 'Summary', yaml: 'YAML', logs: 'Logs', shell: 'Shell' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function Summary({ obj, now }: { obj: any; now: number }) {
  const m = obj.metadata ?? {};
  const owners = ownerLinks(obj);
  const conditions = conditionsOf(obj);
  const created = m.creationTimestamp ? Date.parse(m.creationTimestamp) : undefined;
  return (
    <>
      <article class="card">
        <h2>Metadata</h2>
        <dl class="meta">
          {m.namespace && (
            <>
              <dt>Namespace</dt>
              <dd>
                <ObjLink kind="namespaces" name={m.namespace} />
              </dd>
            </>
          )}
          <dt>Created</dt>
          <dd>{created ? `${humanDuration(now - created)} ago (${m.creationTimestamp})` : '—'}</dd>
          {m.deletionTimestamp && (
            <>
              <dt>Deleting since</dt>
              <dd>{m.deletionTimestamp}</dd>
            </>
          )}
          <dt>Labels</dt>
          <dd>
            <Chips map={m.labels} />
          </dd>
          <dt>Annotations</dt>
          <dd>
            <Chips map={m.annotations} hide={obj.kind === 'Secret' ? ['kubectl.kubernetes.io/last-applied-configuration'] : []} />
          </dd>
          <dt>Controlled by</dt>
          <dd data-testid="owners">
            {owners.length === 0
              ? '—'
              : owners.map((o) => (
                  <span key={`${o.kind}/${o.name}`} class="chip">
                    {o.kind}/<ObjLink kind={o.key} ns={o.namespace} name={o.name} />
                  </span>
                ))}
          </dd>
          {obj.status?.phase && (
            <>
              <dt>Phase</dt>
              <dd>{obj.status.phase}</dd>
            </>
          )}
          {obj.kind === 'Secret' && (
            <>
              <dt>Data</dt>
              <dd>{secretKeys(obj).map((k) => <span key={k.key} class="chip">{k.key}: {k.bytes} bytes</span>)}</dd>
            </>
          )}
        </dl>
      </article>
      {conditions.length > 0 && (
        <article class="card">
          <h2>Conditions</h2>
          <table class="grid" data-testid="conditions">
            <thead>
              <tr><th scope="col">Type</th><th scope="col">Status</th><th scope="col">Reason</th><th scope="col">Message</th><th scope="col">Since</th></tr>
            </thead>
            <tbody>
              {conditions.map((c) => (
                <tr key={c.type}>
                  <td>{c.type}</td>
                  <td><span class={`pill ${c.status === 'True' ? 'ok' : c.status === 'False' ? 'bad' : ''}`}>{c.status}</span></td>
                  <td>{c.reason}</td>
                  <td class="msg">{c.message}</td>
                  <td>{c.lastTransitionTime ? humanDuration(now - Date.parse(c.lastTransitionTime)) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
      )}
    </>
  );
}

function Chips({ map, hide = [] }: { map?: Record<string, string>; hide?: string[] }) {
  const entries = Object.entries(map ?? {});
  if (entries.length === 0) return <>—</>;
  return (
    <>
      {entries.map(([k, v]) => (
        <span key={k} class="chip" title={hide.includes(k) ? undefined : v}>
          {k}={hide.includes(k) ? '(hidden)' : v.length > 80 ? `${v.slice(0, 80)}…` : v}
        </span>
      ))}
    </>
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function OwnedList({ items, ownedKey, now }: { items: any[]; ownedKey: string; now: number }) {
  if (items.length === 0) return <Empty>None.</Empty>;
  return (
    <ul class="owned" data-testid="owned">
      {items.map((o) => (
        <li key={o.metadata.uid}>
          <ObjLink kind={ownedKey} ns={o.metadata.namespace} name={o.metadata.name} />
          <span class="muted"> {o.status?.phase ?? (o.status?.replicas !== undefined ? `${o.status.readyReplicas ?? 0}/${o.status.replicas} ready` : '')} · {humanDuration(now - Date.parse(o.metadata.creationTimestamp))}</span>
        </li>
      ))}
    </ul>
  );
}

function EventList({ events, now }: { events: EventLike[]; now: number }) {
  if (events.length === 0) return <Empty>No events.</Empty>;
  const sorted = [...events].sort((a, b) => eventTime(b) - eventTime(a));
  return (
    <table class="grid" data-testid="events">
      <thead>
        <tr><th scope="col">Last seen</th><th scope="col">Type</th><th scope="col">Reason</th><th scope="col">From</th><th scope="col">Message</th></tr>
      </thead>
      <tbody>
        {sorted.map((e) => (
          <tr key={e.metadata.uid} class={e.type === 'Warning' ? 'warning' : undefined}>
            <td>{humanDuration(now - eventTime(e))}</td>
            <td>{e.type}</td>
            <td>{e.reason}</td>
            {/* eslint-disable-next-line @typescript-eslint/no-explicit-any */}
            <td>{(e as any).source?.component ?? (e as any).reportingComponent ?? ''}</td>
            <td class="msg">{e.message}{e.count && e.count > 1 ? ` (x${e.count})` : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

