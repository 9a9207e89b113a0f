// Create or apply YAML (server-side apply, as `kubectl apply --server-side`), or edit one object (a
// replace with its resourceVersion, as `kubectl edit`): the editor loads on demand; YAML syntax errors
// and the server's field errors show at their lines, and the server's Status message beside them.
import { useEffect, useRef, useState } from 'preact/hooks';
import { type Api, ApiError } from '../api/client';
import { applyManifest, type ApplyResult, targetOf } from '../editor/apply';
import type { YamlEditor } from '../editor/codemirror';
import { type Diagnostic, parseManifest, statusDiagnostics } from '../editor/diagnostics';
import { editableYaml } from '../editor/editable';
import { kindByKey, objectPath } from '../resources/kinds';
import { formatRoute, type Route } from '../router';
import { ErrorBox, Loading } from './common';

type ApplyRoute = Extract<Route, { page: 'apply' }>;

const EXAMPLE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: example
spec:
  replicas: 1
  selector:
    matchLabels:
      app: example
  template:
    metadata:
      labels:
        app: example
    spec:
      containers:
        - name: main
          image: localhost/kubeflare/busybox:latest
          imagePullPolicy: Never
          command: ["sh", "-c", "while true; do date; sleep 5; done"]
`;

export function ApplyPage({ api, route }: { api: Api; route: ApplyRoute }) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<YamlEditor | undefined>(undefined);
  const [ready, setReady] = useState(false);
  const [loadError, setLoadError] = useState<ApiError>();
  const [diagnostics, setDiagnostics] = useState<Diagnostic[]>([]);
  const [result, setResult] = useState<ApplyResult>();
  const [busy, setBusy] = useState(false);
  const [dryRun, setDryRun] = useState(false);
  const [force, setForce] = useState(false);
  const [namespace, setNamespace] = useState(route.ns ?? 'default');
  const edit = route.edit ? parseEdit(route.edit) : undefined;

  useEffect(() => {
    let live = true;
    let ed: YamlEditor | undefined;
    setReady(false);
    setResult(undefined);
    setDiagnostics([]);
    (async () => {
      let text = EXAMPLE;
      if (edit) {
        const info = kindByKey(edit.kind);
        if (!info) throw new ApiError(0, `the console does not know the kind “${edit.kind}”`);
        text = editableYaml(await api.json(objectPath(info, edit.ns, edit.name)));
      }
      const { mountEditor } = await import('../editor/codemirror');
      if (!live || !host.current) return;
      host.current.replaceChildren();
      ed = mountEditor(host.current, text, edit ? `YAML of ${edit.name}` : 'YAML manifest', () => {
        setDiagnostics([]);
        ed?.show([]);
      });
      editor.current = ed;
      setReady(true);
    })().catch((err) => live && setLoadError(err instanceof ApiError ? err : new ApiError(0, String(err))));
    return () => {
      live = false;
      ed?.destroy();
      editor.current = undefined;
    };
  }, [api, route.edit]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const ed = editor.current;
    if (!ed) return;
    const m = parseManifest(ed.text());
    setResult(undefined);
    if (m.syntax.length) {
      setDiagnostics(m.syntax);
      ed.show(m.syntax);
      return;
    }
    if (m.docs.length === 0) {
      const d = [{ from: 0, to: 0, line: 1, severity: 'error' as const, message: 'the manifest is empty' }];
      setDiagnostics(d);
      return;
    }
    setBusy(true);
    try {
      const r = edit ? await replaceObjects(api, m, namespace) : await applyManifest(api, m, { namespace, force, dryRun });
      setResult(r);
      setDiagnostics(r.diagnostics);
      ed.show(r.diagnostics);
    } finally {
      setBusy(false);
    }
  };

  const title = edit ? `Edit ${edit.name}` : 'Create or apply YAML';
  return (
    <section aria-labelledby="apply-title">
      {edit && (
        <p class="crumbs">
          <a href={formatRoute({ page: 'detail', kind: edit.kind, ns: edit.ns, name: edit.name })}>{edit.name}</a> / edit
        </p>
      )}
      <h1 id="apply-title">{title}</h1>
      <p class="hint">
        {edit
          ? 'Saving replaces the object (as kubectl edit); if someone changed it since it was loaded, the server refuses with a conflict: reload and edit again.'
          : 'Each document is sent as a server-side apply (field manager kubeflare-console): it creates the object or updates the fields you set. Separate documents with ---.'}
      </p>
      <ErrorBox error={loadError} />
      <form onSubmit={submit} class="apply">
        <div class="toolbar">
          {!edit && (
            <>
              <label>
                Default namespace
                <input value={namespace} onInput={(e) => setNamespace((e.target as HTMLInputElement).value)} aria-label="Default namespace" />
              </label>
              <label>
                <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun((e.target as HTMLInputElement).checked)} /> Dry run
              </label>
              <label title="Take over fields another manager owns (kubectl apply --force-conflicts)">
                <input type="checkbox" checked={force} onChange={(e) => setForce((e.target as HTMLInputElement).checked)} /> Force conflicts
              </label>
            </>
          )}
          <button type="submit" disabled={!ready || busy}>
            {edit ? 'Save' : 'Apply'}
          </button>
        </div>
        {!ready && !loadError && <Loading what="the editor" />}
        <div ref={host} class="editor" data-testid="editor" />
      </form>
      {diagnostics.length > 0 && (
        <ul class="diagnostics" role="alert" data-testid="diagnostics" aria-label="Problems">
          {diagnostics.map((d, i) => (
            <li key={i}>
              <button type="button" class="link" onClick={() => editor.current?.focus()}>
                Line {d.line}
              </button>
              : {d.message}
            </li>
          ))}
        </ul>
      )}
      {result && (
        <ul class="results" data-testid="results" role="status">
          {result.results.map((r, i) => (
            <li key={i} class={r.ok ? 'ok' : 'bad'}>
              {r.label}: {r.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function parseEdit(s: string): { kind: string; ns?: string; name: string } | undefined {
  const [kind, ns, name] = s.split('/');
  if (!kind || !ns || !name) return undefined;
  return { kind, ns: ns === '_' ? undefined : ns, name };
}

/** Edit: PUT each document to its own path (the resourceVersion in it makes the write conditional). */
async function replaceObjects(api: Api, m: ReturnType<typeof parseManifest>, namespace: string): Promise<ApplyResult> {
  const out: ApplyResult = { results: [], diagnostics: [] };
  for (const [i, doc] of m.docs.entries()) {
    const obj = doc.toJS({ maxAliasCount: 100 });
    const resources = await api.json<{ resources?: { name: string; kind: string; namespaced: boolean }[] }>(String(obj?.apiVersion).includes('/') ? `/apis/${obj.apiVersion}` : `/api/${obj?.apiVersion}`).then(
      (l) => l.resources,
      () => undefined,
    );
    const t = targetOf(obj, resources, namespace);
    if (!t.ok) {
      out.results.push({ label: `document ${i + 1}`, ok: false, message: t.message });
      out.diagnostics.push(...statusDiagnostics(m, i, { message: t.message }));
      continue;
    }
    try {
      await api.json(`${t.path}?fieldManager=kubeflare-console&fieldValidation=Strict`, { method: 'PUT', body: JSON.stringify(obj), headers: { 'Content-Type': 'application/json' } });
      out.results.push({ label: t.label, ok: true, message: 'saved' });
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, String(err));
      out.results.push({ label: t.label, ok: false, message: e.message });
      out.diagnostics.push(...statusDiagnostics(m, i, e.status ?? { message: e.message }));
    }
  }
  return out;
}
