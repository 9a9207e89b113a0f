// The cluster at a glance: nodes, pods by phase (a bar), workloads that are not healthy, recent warnings.
import type { Api } from '../api/client';
import { objectsReducer } from '../api/listwatch';
import { type EventLike, nodeSummaries, type Obj, PHASES, podsByPhase, recentWarnings, unhealthyWorkloads } from '../overview/summary';
import { humanDuration } from '../../../workers/kube/printers/duration';
import { eventTime } from '../overview/summary';
import { kindOf } from '../resources/kinds';
import { formatRoute } from '../router';
import { Empty, ErrorBox, Loading, ObjLink } from './common';
import { useListWatch, useNow, usePolledList } from './hooks';
import { UsageChart } from './UsageChart';

export function Overview({ api }: { api: Api }) {
  const nodes = useListWatch(api, '/api/v1/nodes', false, objectsReducer);
  const pods = useListWatch(api, '/api/v1/pods', false, objectsReducer);
  const deployments = useListWatch(api, '/apis/apps/v1/deployments', false, objectsReducer);
  const statefulsets = usePolledList<Obj>(api, '/apis/apps/v1/statefulsets');
  const daemonsets = usePolledList<Obj>(api, '/apis/apps/v1/daemonsets');
  const warnings = usePolledList<EventLike>(api, '/api/v1/events?fieldSelector=type%3DWarning');
  const now = useNow();
  const nodeRows = nodes.state && nodeSummaries([...nodes.state.items.values()]);
  const phases = pods.state && podsByPhase([...pods.state.items.values()]);
  const podTotal = phases ? Object.values(phases).reduce((a, b) => a + b, 0) : 0;
  const unhealthy = deployments.state && unhealthyWorkloads({ deployments: [...deployments.state.items.values()], statefulsets: statefulsets.state, daemonsets: daemonsets.state });
  return (
    <section class="overview" aria-labelledby="overview-title">
      <h1 id="overview-title">Overview</h1>
      <div class="cards">
        <article class="card" aria-labelledby="nodes-title">
          <h2 id="nodes-title">
            <a href={formatRoute({ page: 'list', kind: 'nodes' })}>Nodes</a>
            {nodeRows && <span class="count">{nodeRows.filter((n) => n.ready === 'True').length}/{nodeRows.length} ready</span>}
          </h2>
          <ErrorBox error={nodes.error} />
          {!nodeRows ? (
            <Loading what="nodes" />
          ) : nodeRows.length === 0 ? (
            <Empty>No nodes have joined yet. Start the node agent on a host (or `npm run sim`) to add one.</Empty>
          ) : (
            <table class="grid" data-testid="nodes">
              <thead>
                <tr><th scope="col">Name</th><th scope="col">Status</th><th scope="col">CPU</th><th scope="col">Memory</th><th scope="col">Pods</th></tr>
              </thead>
              <tbody>
                {nodeRows.map((n) => (
                  <tr key={n.name}>
                    <td><ObjLink kind="nodes" name={n.name} /></td>
                    <td><span class={`pill ${n.ready === 'True' ? 'ok' : 'bad'}`}>{n.ready === 'True' ? 'Ready' : n.ready === 'False' ? 'NotReady' : 'Unknown'}</span>{!n.schedulable && <span class="pill warn">SchedulingDisabled</span>}</td>
                    <td>{n.cpu}</td>
                    <td>{n.memory}</td>
                    <td>{n.pods}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>

        <article class="card" aria-labelledby="pods-title">
          <h2 id="pods-title">
            <a href={formatRoute({ page: 'list', kind: 'pods' })}>Pods</a>
            {phases && <span class="count" data-testid="pods-total">{podTotal} total</span>}
          </h2>
          <ErrorBox error={pods.error} />
          {!phases ? (
            <Loading what="pods" />
          ) : podTotal === 0 ? (
            <Empty>No pods yet. Create a Deployment to run some.</Empty>
          ) : (
            <>
              <div class="bar" role="img" aria-label={PHASES.map((p) => `${p} ${phases[p]}`).join(', ')}>
                {PHASES.filter((p) => phases[p] > 0).map((p) => (
                  <span key={p} class={`seg phase-${p}`} style={{ flexGrow: phases[p] }} title={`${p}: ${phases[p]}`} />
                ))}
              </div>
              <ul class="legend" data-testid="pod-phases">
                {PHASES.map((p) => (
                  <li key={p}><span class={`dot phase-${p}`} aria-hidden="true" />{p} <strong>{phases[p]}</strong></li>
                ))}
              </ul>
            </>
          )}
        </article>

        <article class="card wide" aria-labelledby="usage-title">
          <h2 id="usage-title">Node usage</h2>
          <UsageChart api={api} nodes={nodes.state && [...nodes.state.items.values()]} />
        </article>

        <article class="card wide" aria-labelledby="unhealthy-title">
          <h2 id="unhealthy-title">Workloads not healthy</h2>
          <ErrorBox error={deployments.error ?? statefulsets.error ?? daemonsets.error} />
          {!unhealthy ? (
            <Loading what="workloads" />
          ) : unhealthy.length === 0 ? (
            <Empty>Every Deployment, StatefulSet and DaemonSet has all its replicas ready.</Empty>
          ) : (
            <table class="grid" data-testid="unhealthy">
              <thead>
                <tr><th scope="col">Kind</th><th scope="col">Namespace</th><th scope="col">Name</th><th scope="col">Ready</th><th scope="col">Why</th></tr>
              </thead>
              <tbody>
                {unhealthy.map((u) => (
                  <tr key={`${u.kind}/${u.namespace}/${u.name}`}>
                    <td>{u.kind}</td>
                    <td>{u.namespace}</td>
                    <td><ObjLink kind={kindOf('apps/v1', u.kind)?.key} ns={u.namespace} name={u.name} /></td>
                    <td>{u.ready}/{u.desired}</td>
                    <td>{u.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>

        <article class="card wide" aria-labelledby="warnings-title">
          <h2 id="warnings-title">
            <a href={formatRoute({ page: 'list', kind: 'events' })}>Recent warnings</a>
          </h2>
          <ErrorBox error={warnings.error} />
          {!warnings.state ? (
            <Loading what="events" />
          ) : warnings.state.length === 0 ? (
            <Empty>No warning events.</Empty>
          ) : (
            <table class="grid" data-testid="warnings">
              <thead>
                <tr><th scope="col">Last seen</th><th scope="col">Object</th><th scope="col">Reason</th><th scope="col">Message</th></tr>
              </thead>
              <tbody>
                {recentWarnings(warnings.state).map((e) => {
                  const io = e.involvedObject ?? {};
                  return (
                    <tr key={e.metadata.uid ?? e.metadata.name}>
                      <td>{humanDuration(now - eventTime(e))}</td>
                      <td><ObjLink kind={kindOf(io.apiVersion, io.kind)?.key} ns={io.namespace} name={io.name ?? ''}>{`${io.kind ?? ''}/${io.name ?? ''}`}</ObjLink></td>
                      <td>{e.reason}</td>
                      <td class="msg">{e.message}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </article>
      </div>
    </section>
  );
}
