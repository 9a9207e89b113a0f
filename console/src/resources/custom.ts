// Custom resources: every CustomResourceDefinition becomes a kind the console lists (at the version the
// API stores, else the first it serves), under "Custom resources" in the menu.
import type { KindInfo } from './kinds';

interface Crd {
  spec?: {
    group?: string;
    scope?: string;
    names?: { kind?: string; plural?: string };
    versions?: { name: string; served?: boolean; storage?: boolean }[];
  };
  status?: { conditions?: { type: string; status: string }[] };
}

export function kindsFromCrds(crds: readonly Crd[]): KindInfo[] {
  const out: KindInfo[] = [];
  for (const c of crds) {
    const s = c.spec ?? {};
    const served = (s.versions ?? []).filter((v) => v.served !== false);
    const version = served.find((v) => v.storage) ?? served[0];
    const { kind, plural } = s.names ?? {};
    if (!s.group || !kind || !plural || !version) continue;
    // Not yet Established: the API does not serve it yet.
    const established = c.status?.conditions?.find((x) => x.type === 'Established');
    if (established && established.status !== 'True') continue;
    out.push({ key: `${plural}.${s.group}`, kind, group: s.group, version: version.name, plural, namespaced: s.scope !== 'Cluster', title: `${kind} (${s.group})`, section: 'Custom resources' });
  }
  return out.sort((a, b) => a.title.localeCompare(b.title));
}
