// REST paths of Kubernetes resources.

export interface ResourceRef {
  group: string;
  version: string;
  plural: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export function resourcePath(r: ResourceRef): string {
  let p = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  if (r.namespace) p += `/namespaces/${encodeURIComponent(r.namespace)}`;
  p += `/${r.plural}`;
  if (r.name) p += `/${encodeURIComponent(r.name)}`;
  if (r.subresource) p += `/${r.subresource}`;
  return p;
}

/** "apps/deployments" → { group: "apps", plural: "deployments" }; "pods" → core. */
export function parseStorageResource(key: string): { group: string; plural: string } {
  const i = key.lastIndexOf('/');
  return i < 0 ? { group: '', plural: key } : { group: key.slice(0, i), plural: key.slice(i + 1) };
}
