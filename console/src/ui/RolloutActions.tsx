// kubectl rollout restart / pause / resume / undo for one workload, each shown only when RBAC allows the
// patch; undo picks a revision from the ReplicaSets' revision annotations (kubectl rollout history).
import { useState } from 'preact/hooks';
import { type Api, ApiError } from '../api/client';
import { type KindInfo, objectPath } from '../resources/kinds';
import { type Patch, pausePatch, restartPatch, RESTARTABLE, revisions, undoPlan } from '../rollout/rollout';
import { useAccess } from './access';
import { ErrorBox } from './common';

/** `replicaSets`: the namespace's ReplicaSets the detail page already watches (one stream fewer). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function RolloutActions({ api, info, obj, replicaSets }: { api: Api; info: KindInfo; obj: any; replicaSets?: readonly any[] }) {
  const ns: string | undefined = obj.metadata.namespace;
  const name: string = obj.metadata.name;
  const isDeployment = info.kind === 'Deployment';
  const can = useAccess(api, { patch: { verb: 'patch', group: info.group, resource: info.plural, namespace: ns, name } }, [info.key, ns, name]);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [target, setTarget] = useState('0');
  if (!RESTARTABLE.has(info.kind) || !can?.patch) return null;

  const send = async (what: string, p: Patch) => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      await api.json(objectPath(info, ns, name), { method: 'PATCH', body: JSON.stringify(p.body), headers: { 'Content-Type': p.type } });
      setDone(what);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err)));
    } finally {
      setBusy(false);
    }
  };
  const history = isDeployment && replicaSets ? revisions(obj, replicaSets) : [];
  const undo = () => {
    const plan = undoPlan(obj, history, Number(target));
    if (!plan.ok) return setError(new ApiError(0, plan.message));
    void send(`Rolled back to revision ${plan.revision}.`, plan.patch);
  };

  return (
    <article class="card" aria-labelledby="rollout-title">
      <h2 id="rollout-title">Rollout</h2>
      <div class="actions" role="group" aria-label="Rollout actions">
        <button type="button" disabled={busy} onClick={() => send('Restarted.', restartPatch(new Date()))}>
          Restart
        </button>
        {isDeployment &&
          (obj.spec?.paused ? (
            <button type="button" disabled={busy} onClick={() => send('Resumed.', pausePatch(false))}>
              Resume
            </button>
          ) : (
            <button type="button" disabled={busy} onClick={() => send('Paused.', pausePatch(true))}>
              Pause
            </button>
          ))}
        {isDeployment && (
          <span class="inline">
            <label>
              Undo to
              <select value={target} onChange={(e) => setTarget((e.target as HTMLSelectElement).value)} aria-label="Revision">
                <option value="0">previous revision</option>
                {history.map((r) => (
                  <option key={r.revision} value={String(r.revision)}>
                    {r.revision}: {r.images.join(', ')}
                    {r.changeCause ? ` (${r.changeCause})` : ''}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" disabled={busy} onClick={undo}>
              Undo
            </button>
          </span>
        )}
        {done && (
          <span role="status" class="muted">
            {done}
          </span>
        )}
        <ErrorBox error={error} />
      </div>
      {isDeployment && history.length > 0 && (
        <table class="grid" data-testid="revisions">
          <thead>
            <tr>
              <th scope="col">Revision</th>
              <th scope="col">ReplicaSet</th>
              <th scope="col">Images</th>
              <th scope="col">Change cause</th>
            </tr>
          </thead>
          <tbody>
            {history.map((r) => (
              <tr key={r.revision}>
                <td>{r.revision}</td>
                <td>{r.replicaSet}</td>
                <td>{r.images.join(', ')}</td>
                <td>{r.changeCause ?? '<none>'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
