// Parsing list/watch selectors from the query, and the field-selector keys each kind supports.
import type { KObject, ResourceDef } from '../../../kube/registry/types';
import { type FieldSelector, parseFieldSelector, requirementsOf, validateFieldSelectorKeys } from '../../../kube/selectors/fields';
import { type LabelSelector, parseLabelSelector } from '../../../kube/selectors/labels';

export interface Selectors {
  labels: LabelSelector;
  fields: FieldSelector;
  /** `spec.nodeName=X` when present: per-node lists use an index. */
  nodeName?: string;
  /** `metadata.namespace=X` when present. */
  namespace?: string;
}

const allowedCache = new WeakMap<ResourceDef, string[]>();

/** Field-selector keys a kind supports: metadata.name, metadata.namespace and the kind's own fields. */
export function allowedFieldKeys(def: ResourceDef): string[] {
  let keys = allowedCache.get(def);
  if (!keys) {
    let own: string[] = [];
    try {
      const stub = { metadata: { name: '', namespace: '' }, spec: {}, status: {}, involvedObject: {}, regarding: {}, source: {} } as unknown as KObject;
      own = Object.keys(def.fields?.(stub) ?? {});
    } catch {
      own = [];
    }
    keys = ['metadata.name', 'metadata.namespace', ...own];
    allowedCache.set(def, keys);
  }
  return keys;
}

export function selectorsOf(def: ResourceDef, q: URLSearchParams): Selectors {
  const labels = parseLabelSelector(q.get('labelSelector') ?? '');
  const fields = parseFieldSelector(q.get('fieldSelector') ?? '');
  validateFieldSelectorKeys(fields, allowedFieldKeys(def), def.plural);
  const out: Selectors = { labels, fields };
  for (const r of requirementsOf(fields)) {
    if (r.operator === '=') {
      if (r.field === 'spec.nodeName' && def.kind === 'Pod') out.nodeName = r.value;
      if (r.field === 'metadata.namespace') out.namespace = r.value;
    }
  }
  return out;
}

/** Field values of a stored row for matching: its own fields plus metadata.name/namespace. */
export function rowFields(fieldsJson: string, namespace: string, name: string): Record<string, string> {
  const f = JSON.parse(fieldsJson) as Record<string, string>;
  f['metadata.name'] = name;
  f['metadata.namespace'] = namespace;
  return f;
}
