// Which groups and versions a ResourceDef list serves, in the order discovery lists them.
import type { ResourceDef } from '../registry/types';

const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

/** Kubernetes version priority: GA before beta before alpha, higher numbers first; others last, by name. */
export function compareVersions(a: string, b: string): number {
  const ka = versionKey(a);
  const kb = versionKey(b);
  if (!ka || !kb) return ka ? -1 : kb ? 1 : a.localeCompare(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i] - ka[i];
  return 0;
}

// [stability (GA 2, beta 1, alpha 0), major, pre-release number]; higher sorts first.
function versionKey(v: string): number[] | undefined {
  const m = KUBE_VERSION.exec(v);
  if (!m) return undefined;
  const stability = m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0;
  return [stability, Number(m[1]), Number(m[3] ?? 0)];
}

export interface GroupVersions {
  group: string;
  /** Newest first; the first one is the preferred version. */
  versions: string[];
}

/** Named groups in first-seen order (the core group "" included when present), versions newest first. */
export function groupsOf(defs: readonly ResourceDef<any>[]): GroupVersions[] {
  const byGroup = new Map<string, Set<string>>();
  for (const d of defs) {
    let set = byGroup.get(d.group);
    if (!set) byGroup.set(d.group, (set = new Set()));
    set.add(d.version);
  }
  return [...byGroup].map(([group, set]) => ({ group, versions: [...set].sort(compareVersions) }));
}

/** The defs served at one group-version, sorted by plural name as the apiserver lists them. */
export function defsAt(defs: readonly ResourceDef<any>[], group: string, version: string): ResourceDef<any>[] {
  return defs.filter((d) => d.group === group && d.version === version).sort((a, b) => a.plural.localeCompare(b.plural));
}
