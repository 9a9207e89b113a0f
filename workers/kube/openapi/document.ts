// Assembles and caches the OpenAPI v3 documents served under /openapi/v3/<key>.
import type { ResourceDef } from '../registry/types';
import { defsAt, groupsOf } from '../discovery';
import { buildComponents } from './components';
import { API_RESOURCE_LIST, ref } from './meta-schemas';
import { camel, groupWord, tagOf } from './names';
import { resourcePaths } from './paths';
import { apisRootDocument, coreRootDocument, groupDocument } from './root-docs';
import { documentShell, type OpenApiDocument } from './shell';

type Defs = readonly ResourceDef<any>[];

// Documents are large and requested on every kubectl apply: build each once per defs array.
const cache = new WeakMap<Defs, Map<string, OpenApiDocument | undefined>>();

function cached(defs: Defs, key: string, build: () => OpenApiDocument | undefined): OpenApiDocument | undefined {
  let docs = cache.get(defs);
  if (!docs) cache.set(defs, (docs = new Map()));
  if (!docs.has(key)) docs.set(key, build());
  return docs.get(key);
}


/** The index key of a group-version document: "api/v1" or "apis/<group>/<version>". */
export function groupVersionKey(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function buildGroupVersion(defs: Defs, group: string, version: string): OpenApiDocument | undefined {
  const served = defsAt(defs, group, version);
  // The core group-version is always listed in the index, so it always answers (empty until core kinds exist).
  if (!served.length) return group === '' && version === 'v1' ? documentShell({}, {}) : undefined;
  const comps = buildComponents(served, group, version);
  const prefix = group ? `/apis/${group}/${version}/` : `/api/${version}/`;
  const tag = tagOf(group, version);
  const content = Object.fromEntries(['application/json', 'application/yaml'].map((t) => [t, { schema: ref(API_RESOURCE_LIST) }]));
  const paths: OpenApiDocument['paths'] = {
    [prefix]: { get: { description: 'get available resources', operationId: `get${groupWord(group)}${camel(version)}APIResources`, tags: [tag], responses: { '200': { description: 'OK', content }, '401': { description: 'Unauthorized' } } } },
  };
  for (const def of served) Object.assign(paths, resourcePaths(def, comps));
  return documentShell(paths, comps.schemas);
}

/** The document for one group-version (e.g. "apps", "v1"); undefined when nothing is served there. Read-only. */
export function openApiGroupVersion(defs: Defs, group: string, version: string): OpenApiDocument | undefined {
  return cached(defs, groupVersionKey(group, version), () => buildGroupVersion(defs, group, version));
}

/** Every key the index lists: "api", "api/v1", "apis", "apis/<g>", "apis/<g>/<v>". */
export function openApiKeys(defs: Defs): string[] {
  const keys = ['api', 'apis'];
  for (const { group, versions } of groupsOf(defs)) {
    if (group) keys.push(`apis/${group}`);
    for (const v of versions) keys.push(groupVersionKey(group, v));
  }
  if (!keys.includes('api/v1')) keys.splice(1, 0, 'api/v1');
  return keys;
}

/** The document at /openapi/v3/<key> (no leading slash, no query); undefined → 404. Read-only. */
export function openApiDocument(defs: Defs, key: string): OpenApiDocument | undefined {
  const k = key.replace(/^\/+|\/+$/g, '');
  if (k === 'api') return cached(defs, k, coreRootDocument);
  if (k === 'apis') return cached(defs, k, apisRootDocument);
  const parts = k.split('/');
  if (parts[0] === 'api' && parts.length === 2) return openApiGroupVersion(defs, '', parts[1]);
  if (parts[0] !== 'apis') return undefined;
  if (parts.length === 3) return openApiGroupVersion(defs, parts[1], parts[2]);
  if (parts.length === 2 && groupsOf(defs).some((g) => g.group === parts[1] && g.group !== '')) {
    return cached(defs, k, () => groupDocument(parts[1], groupWord(parts[1])));
  }
  return undefined;
}
