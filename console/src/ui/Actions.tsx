// Write actions on one object, each shown only when a SelfSubjectAccessReview allows it: scale (the
// scale subresource, as kubectl scale) and delete with a cascade choice.
import { useEffect, useState } from 'preact/hooks';
import { allowed, deleteOptions, parseReplicas, type Propagation, scalable } from '../api/access';
import { type Api, ApiError } from '../api/client';
import { type KindInfo, objectPath } from '../resources/kinds';
import { formatRoute } from '../router';
import { ErrorBox } from './common';

interface Props {
  api: Api;
  info: KindInfo;
  namespace?: string;
  name: string;
  replicas?: number;
}

export function Actions({ api, info, namespace, name, replicas }: Props) {
  const [can, setCan] = useState<{ scale: boolean; delete: boolean }>();
  const [error, setError] = useState<ApiError>();
  const [confirming, setConfirming] = useState(false);
  const [cascade, setCascade] = useState<Propagation>('Background');
  const [count, setCount] = useState(String(replicas ?? ''));
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();

  useEffect(() => setCount(String(replicas ?? '')), [replicas]);
  useEffect(() => {
    let live = true;
    const base = { group: info.group, resource: info.plural, namespace, name };
    Promise.all([scalable(info) ? allowed(api, { ...base, verb: 'patch', subresource: 'scale' }) : Promise.resolve(false), allowed(api, { ...base, verb: 'delete' })]).then(
      ([scale, del]) => live && setCan({ scale, delete: del }),
      () => live && setCan({ scale: false, delete: false }),
    );
    return () => {
      live = false;
    };
  }, [api, info, namespace, name]);

  if (!can) return null;
  // Checked, nothing allowed: an empty marker (tests wait for it before asserting no actions show).
  if (!can.scale && !can.delete) return <div data-testid="actions" data-checked="none" hidden />;
  const path = objectPath(info, namespace, name);
  const run = async (what: string, f: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      await f();
      setDone(what);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err)));
    } finally {
      setBusy(false);
    }
  };
  const scale = (e: Event) => {
    e.preventDefault();
    const r = parseReplicas(count);
    if (!r.ok) return setError(new ApiError(0, r.error));
    void run(`Scaled to ${r.value}.`, () =>
      api.json(`${path}/scale`, { method: 'PATCH', body: JSON.stringify({ spec: { replicas: r.value } }), headers: { 'Content-Type': 'application/merge-patch+json' } }),
    );
  };
  const remove = () =>
    run('Deleted.', async () => {
      await api.json(path, { method: 'DELETE', body: JSON.stringify(deleteOptions(cascade)), headers: { 'Content-Type': 'application/json' } });
      location.hash = formatRoute({ page: 'list', kind: info.key, ns: namespace });
    });

  return (
    <div class="actions" role="group" aria-label="Actions" data-testid="actions" data-checked="some">
      {can.scale && (
        <form onSubmit={scale} class="inline" noValidate>
          <label>
            Replicas
            <input type="number" min={0} value={count} onInput={(e) => setCount((e.target as HTMLInputElement).value)} aria-label="Replicas" style={{ width: '5rem' }} />
          </label>
          <button type="submit" disabled={busy}>
            Scale
          </button>
        </form>
      )}
      {can.delete &&
        (confirming ? (
          <span class="inline confirm">
            <label>
              Cascade
              <select value={cascade} onChange={(e) => setCascade((e.target as HTMLSelectElement).value as Propagation)} aria-label="Cascade">
                <option value="Background">Background (delete dependents)</option>
                <option value="Foreground">Foreground (dependents first)</option>
                <option value="Orphan">Orphan (keep dependents)</option>
              </select>
            </label>
            <button type="button" class="danger" disabled={busy} onClick={remove}>
              Delete {name}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" class="danger" onClick={() => setConfirming(true)}>
            Delete…
          </button>
        ))}
      {done && (
        <span role="status" class="muted">
          {done}
        </span>
      )}
      <ErrorBox error={error} />
    </div>
  );
}
