// The YAML a user edits: the object without what the server owns (managedFields, status, uid, ...),
// keeping resourceVersion so a save is refused (409) if the object changed meanwhile, as kubectl edit.
import { stringify } from 'yaml';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function editableYaml(obj: any): string {
  const o = structuredClone(obj);
  delete o.status;
  const m = o.metadata ?? {};
  for (const k of ['managedFields', 'uid', 'creationTimestamp', 'generation', 'selfLink']) delete m[k];
  return stringify(o, { lineWidth: 0 });
}
