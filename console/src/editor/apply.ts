// Apply from the editor: each YAML document is sent as a server-side apply (PATCH
// application/apply-patch+yaml, fieldManager=kubeflare-console), which creates the object when it is
// missing, exactly as `kubectl apply --server-side`. The resource path comes from discovery.
import { type Api, ApiError } from '../api/client';
import type { Diagnostic, ParsedManifest, StatusLike } from './diagnostics';
import { statusDiagnostics } from './diagnostics';

export const FIELD_MANAGER = 'kubeflare-console';

export interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

export type Target = { ok: true; path: string; label: string } | { ok: false; message: string };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function targetOf(obj: any, resources: readonly ApiResource[] | undefined, defaultNamespace: string): Target {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return { ok: false, message: 'a document must be a mapping (an object)' };
  const { apiVersion, kind } = obj;
  const name = obj.metadata?.name;
  if (typeof apiVersion !== 'string' || !apiVersion) return { ok: false, message: 'apiVersion is required' };
  if (typeof kind !== 'string' || !kind) return { ok: false, message: 'kind is required' };
  if (typeof name !== 'string' || !name) return { ok: false, message: 'metadata.name is required (apply needs a name)' };
  const r = resources?.find((x) => x.kind === kind && !x.name.includes('/'));
  if (!r) return { ok: false, message: `no matches for kind "${kind}" in version "${apiVersion}"` };
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const ns = r.namespaced ? (typeof obj.metadata?.namespace === 'string' && obj.metadata.namespace) || defaultNamespace : undefined;
  const path = `${base}${ns ? `/namespaces/${encodeURIComponent(ns)}` : ''}/${r.name}/${encodeURIComponent(name)}`;
  return { ok: true, path, label: `${r.name}/${name}${ns ? ` in ${ns}` : ''}` };
}

export function applyQuery(force: boolean, dryRun: boolean): string {
  const q = new URLSearchParams({ fieldManager: FIELD_MANAGER, fieldValidation: 'Strict' });
  if (force) q.set('force', 'true');
  if (dryRun) q.set('dryRun', 'All');
  return q.toString();
}

export interface ApplyResult {
  /** One line per document: "deployments/web in default: created" or its error. */
  results: { label: string; ok: boolean; message: string }[];
  diagnostics: Diagnostic[];
}

const discovery = new Map<string, Promise<ApiResource[]>>();

function resourcesOf(api: Api, apiVersion: string): Promise<ApiResource[]> {
  let p = discovery.get(apiVersion);
  if (!p) {
    p = api.json<{ resources?: ApiResource[] }>(apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`).then((l) => l.resources ?? []);
    p.catch(() => discovery.delete(apiVersion));
    discovery.set(apiVersion, p);
  }
  return p;
}

/** Applies every document in order; stops at none (each is reported), like kubectl apply -f. */
export async function applyManifest(api: Api, m: ParsedManifest, o: { namespace: string; force: boolean; dryRun: boolean }): Promise<ApplyResult> {
  const out: ApplyResult = { results: [], diagnostics: [] };
  for (const [i, doc] of m.docs.entries()) {
    const obj = doc.toJS({ maxAliasCount: 100 });
    const resources = typeof obj?.apiVersion === 'string' ? await resourcesOf(api, obj.apiVersion).catch(() => undefined) : undefined;
    const t = targetOf(obj, resources, o.namespace);
    if (!t.ok) {
      out.results.push({ label: `document ${i + 1}`, ok: false, message: t.message });
      out.diagnostics.push(...statusDiagnostics(m, i, { message: t.message }));
      continue;
    }
    try {
      const res = await api.fetch(`${t.path}?${applyQuery(o.force, o.dryRun)}`, {
        method: 'PATCH',
        body: JSON.stringify(obj),
        headers: { 'Content-Type': 'application/apply-patch+yaml' },
      });
      out.results.push({ label: t.label, ok: true, message: `${res.status === 201 ? 'created' : 'applied'}${o.dryRun ? ' (dry run)' : ''}` });
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, String(err));
      out.results.push({ label: t.label, ok: false, message: e.message });
      out.diagnostics.push(...statusDiagnostics(m, i, (e.status ?? { message: e.message }) as StatusLike));
    }
  }
  return out;
}
