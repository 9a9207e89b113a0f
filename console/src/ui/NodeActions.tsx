// kubectl cordon / uncordon / drain for one node. Drain cordons, then evicts the node's pods through
// pods/eviction, skipping DaemonSet and mirror pods; a PodDisruptionBudget's refusal (429) is shown
// per pod, and running drain again retries those.
import { useState } from 'preact/hooks';
import { type Api, ApiError } from '../api/client';
import { cordonPatch, drainPlan, eviction, evictionPath, type DrainPlan } from '../node/drain';
import { useAccess } from './access';
import { ErrorBox } from './common';

interface Outcome {
  pod: string;
  ok: boolean;
  message: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function NodeActions({ api, node }: { api: Api; node: any }) {
  const name: string = node.metadata.name;
  const can = useAccess(
    api,
    {
      patch: { verb: 'patch', group: '', resource: 'nodes', name },
      evict: { verb: 'create', group: '', resource: 'pods', subresource: 'eviction' },
      list: { verb: 'list', group: '', resource: 'pods' },
    },
    [name],
  );
  const [force, setForce] = useState(false);
  const [emptyDir, setEmptyDir] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [plan, setPlan] = useState<DrainPlan>();
  const [outcomes, setOutcomes] = useState<Outcome[]>();
  const [done, setDone] = useState<string>();
  if (!can?.patch) return null;
  const cordoned = !!node.spec?.unschedulable;

  const cordon = async (on: boolean) => {
    const p = cordonPatch(on);
    await api.json(`/api/v1/nodes/${encodeURIComponent(name)}`, { method: 'PATCH', body: JSON.stringify(p.body), headers: { 'Content-Type': p.type } });
  };
  const run = async (f: () => Promise<string>) => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      setDone(await f());
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err)));
    } finally {
      setBusy(false);
    }
  };
  const drain = () =>
    run(async () => {
      if (!cordoned) await cordon(true);
      const pods = await api.json<{ items: [] }>(`/api/v1/pods?fieldSelector=${encodeURIComponent(`spec.nodeName=${name}`)}`);
      const p = drainPlan(pods.items, { force, deleteEmptyDirData: emptyDir });
      setPlan(p);
      const results: Outcome[] = [];
      for (const ref of p.evict) {
        try {
          await api.post(evictionPath(ref), eviction(ref));
          results.push({ pod: `${ref.namespace}/${ref.name}`, ok: true, message: 'evicted' });
        } catch (err) {
          const e = err as ApiError;
          // 429: a PodDisruptionBudget does not allow it now (kubectl drain retries; so can the user).
          results.push({ pod: `${ref.namespace}/${ref.name}`, ok: false, message: e.code === 429 ? `refused by a disruption budget: ${e.message}` : e.message });
        }
        setOutcomes([...results]);
      }
      setOutcomes(results);
      const refused = results.filter((r) => !r.ok).length + p.blocked.length;
      return refused ? `Cordoned; ${refused} pod(s) not evicted.` : `Drained: ${results.length} pod(s) evicted.`;
    });

  return (
    <article class="card" aria-labelledby="node-actions-title">
      <h2 id="node-actions-title">Scheduling</h2>
      <div class="actions" role="group" aria-label="Node actions">
        {cordoned ? (
          <button type="button" disabled={busy} onClick={() => run(async () => (await cordon(false), 'Uncordoned.'))}>
            Uncordon
          </button>
        ) : (
          <button type="button" disabled={busy} onClick={() => run(async () => (await cordon(true), 'Cordoned.'))}>
            Cordon
          </button>
        )}
        {can.evict && can.list && (
          <span class="inline">
            <label>
              <input type="checkbox" checked={force} onChange={(e) => setForce((e.target as HTMLInputElement).checked)} /> Force (unmanaged pods)
            </label>
            <label>
              <input type="checkbox" checked={emptyDir} onChange={(e) => setEmptyDir((e.target as HTMLInputElement).checked)} /> Delete emptyDir data
            </label>
            <button type="button" class="danger" disabled={busy} onClick={drain}>
              Drain
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
      {plan && (
        <ul class="results" data-testid="drain">
          {(outcomes ?? []).map((o) => (
            <li key={o.pod} class={o.ok ? 'ok' : 'bad'}>
              {o.pod}: {o.message}
            </li>
          ))}
          {plan.blocked.map((b) => (
            <li key={`b/${b.namespace}/${b.name}`} class="bad">
              {b.namespace}/{b.name}: not evicted: {b.reason}
            </li>
          ))}
          {plan.skipped.map((s) => (
            <li key={`s/${s.namespace}/${s.name}`} class="muted">
              {s.namespace}/{s.name}: skipped ({s.reason})
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
