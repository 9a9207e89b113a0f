// The REST paths of one ResourceDef: collection, item, all-namespaces list and subresources, with the
// operations its verbs allow. kubectl reads `x-kubernetes-group-version-kind` and `parameters` of PATCH.
import { DEFAULT_VERBS, type ResourceDef } from '../registry/types';
import { gvkOf, subresourcesOf, type GVK, type SubresourceInfo } from '../discovery';
import type { Components } from './components';
import { DELETE_OPTIONS, PATCH, STATUS, ref } from './meta-schemas';
import { DELETE_PARAMS, LIST_PARAMS, PARAM, SUBRESOURCE_PARAMS, WRITE_PARAMS, type Parameter } from './params';
import type { JsonSchema } from './sanitize';
import { camel, groupWord, tagOf } from './names';

export interface Operation {
  description: string;
  operationId: string;
  tags: string[];
  parameters: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }>; required: boolean };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
  'x-kubernetes-action': string;
  'x-kubernetes-group-version-kind': GVK;
}

export type PathItem = Partial<Record<'get' | 'put' | 'post' | 'patch' | 'delete', Operation>>;

export const PATCH_CONTENT_TYPES = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];
const RESPONSE_TYPES = ['application/json', 'application/yaml'];

const FOREIGN_SCHEMAS: Record<string, string> = {
  'autoscaling/v1/Scale': 'io.k8s.api.autoscaling.v1.Scale',
  '/v1/Binding': 'io.k8s.api.core.v1.Binding',
  'policy/v1/Eviction': 'io.k8s.api.policy.v1.Eviction',
};

const gvkExt = (g: GVK): GVK => ({ group: g.group, kind: g.kind, version: g.version });

function body(schema: JsonSchema, types: string[]): Record<string, { schema: JsonSchema }> {
  return Object.fromEntries(types.map((t) => [t, { schema }]));
}

function ok(schema: JsonSchema, ...codes: string[]): Operation['responses'] {
  const out: Operation['responses'] = {};
  for (const code of codes) out[code] = { description: code === '201' ? 'Created' : code === '202' ? 'Accepted' : 'OK', content: body(schema, RESPONSE_TYPES) };
  out['401'] = { description: 'Unauthorized' };
  return out;
}

interface Ctx {
  def: ResourceDef<any>;
  comps: Components;
  scope: Parameter[];
  idBase: (verb: string, suffix?: string) => string;
  tags: string[];
}

function op(ctx: Ctx, action: string, verb: string, gvk: GVK, parameters: Parameter[], responses: Operation['responses'], description: string, suffix = '', requestBody?: Operation['requestBody']): Operation {
  const o: Operation = { description, operationId: ctx.idBase(verb, suffix), tags: ctx.tags, parameters: [...ctx.scope, ...parameters, PARAM.pretty], responses, 'x-kubernetes-action': action, 'x-kubernetes-group-version-kind': gvkExt(gvk) };
  if (requestBody) o.requestBody = requestBody;
  return o;
}

/** GET/PUT/PATCH/POST operations shared by the object itself and its status-like subresources. */
function objectOps(ctx: Ctx, verbs: string[], gvk: GVK, schema: JsonSchema, what: string, suffix = ''): PathItem {
  const item: PathItem = {};
  const json = { content: body(schema, ['*/*']), required: true };
  if (verbs.includes('get')) item.get = op(ctx, 'get', 'read', gvk, [], ok(schema, '200'), `read the specified ${what}`, suffix);
  if (verbs.includes('update')) item.put = op(ctx, 'put', 'replace', gvk, WRITE_PARAMS, ok(schema, '200', '201'), `replace the specified ${what}`, suffix, json);
  if (verbs.includes('patch')) {
    const patchBody = { content: body(ref(PATCH), PATCH_CONTENT_TYPES), required: true };
    item.patch = op(ctx, 'patch', 'patch', gvk, [...WRITE_PARAMS, PARAM.force], ok(schema, '200', '201'), `partially update the specified ${what}`, suffix, patchBody);
  }
  if (verbs.includes('create')) item.post = op(ctx, 'post', 'create', gvk, WRITE_PARAMS, ok(schema, '200', '201', '202'), `create ${what}`, suffix, json);
  return item;
}

function subresourcePath(ctx: Ctx, sub: SubresourceInfo): PathItem {
  const { def, comps } = ctx;
  const own = sub.responseKind.group === def.group && sub.responseKind.version === def.version && sub.responseKind.kind === def.kind;
  const foreign = FOREIGN_SCHEMAS[`${sub.responseKind.group}/${sub.responseKind.version}/${sub.responseKind.kind}`];
  const schemaName = own ? comps.kindName.get(def) : foreign && foreign in comps.schemas ? foreign : undefined;
  const suffix = camel(sub.name);
  const what = `${sub.name} of the specified ${def.kind}`;
  if (schemaName) return objectOps(ctx, sub.verbs, sub.responseKind, ref(schemaName), what, suffix);
  // Streams and connections (log, exec, attach, portforward, proxy): plain text out, no schema in.
  const extra = SUBRESOURCE_PARAMS[sub.name] ?? [];
  const text = ok({ type: 'string' }, '200');
  const item: PathItem = {};
  const methods: [string, 'get' | 'post' | 'put' | 'patch' | 'delete'][] = [['get', 'get'], ['create', 'post'], ['update', 'put'], ['patch', 'patch'], ['delete', 'delete']];
  for (const [verb, method] of methods) {
    if (!sub.verbs.includes(verb)) continue;
    const action = sub.name === 'log' ? 'get' : 'connect';
    item[method] = op(ctx, action, sub.name === 'log' ? 'read' : `connect${camel(method)}`, sub.responseKind, extra, text, `${method} ${what}`, suffix);
  }
  return item;
}

/** Every path of `def`, keyed by absolute URL path template. */
export function resourcePaths(def: ResourceDef<any>, comps: Components): Record<string, PathItem> {
  const verbs = def.verbs ?? DEFAULT_VERBS;
  const gvk = gvkOf(def);
  const prefix = def.group ? `/apis/${def.group}/${def.version}` : `/api/${def.version}`;
  const collection = def.namespaced ? `${prefix}/namespaces/{namespace}/${def.plural}` : `${prefix}/${def.plural}`;
  const word = `${groupWord(def.group)}${camel(def.version)}${def.namespaced ? 'Namespaced' : ''}${def.kind}`;
  const ctx: Ctx = {
    def,
    comps,
    scope: def.namespaced ? [PARAM.namespace] : [],
    idBase: (verb, suffix = '') => `${verb}${word}${suffix}`,
    tags: [tagOf(def.group, def.version)],
  };
  const kindRef = ref(comps.kindName.get(def)!);
  const listRef = ref(comps.listName.get(def)!);
  const paths: Record<string, PathItem> = {};

  const coll: PathItem = {};
  if (verbs.includes('list')) coll.get = op(ctx, 'list', 'list', gvk, LIST_PARAMS, ok(listRef, '200'), `list or watch objects of kind ${def.kind}`);
  if (verbs.includes('create')) coll.post = objectOps(ctx, ['create'], gvk, kindRef, `a ${def.kind}`).post;
  if (verbs.includes('deletecollection')) {
    const del = { content: body(ref(DELETE_OPTIONS), ['*/*']), required: false };
    coll.delete = op(ctx, 'deletecollection', 'deleteCollection', gvk, [...DELETE_PARAMS, ...LIST_PARAMS], ok(ref(STATUS), '200'), `delete collection of ${def.kind}`, '', del);
  }
  if (Object.keys(coll).length) paths[collection] = coll;

  const itemPath = `${collection}/{name}`;
  const itemCtx: Ctx = { ...ctx, scope: [PARAM.name(def.kind), ...ctx.scope] };
  const item = objectOps(itemCtx, verbs.filter((v) => v !== 'create'), gvk, kindRef, def.kind);
  if (verbs.includes('delete')) {
    const del = { content: body(ref(DELETE_OPTIONS), ['*/*']), required: false };
    item.delete = op(itemCtx, 'delete', 'delete', gvk, DELETE_PARAMS, ok(ref(STATUS), '200', '202'), `delete a ${def.kind}`, '', del);
  }
  if (Object.keys(item).length) paths[itemPath] = item;

  if (def.namespaced && verbs.includes('list')) {
    const allCtx: Ctx = { ...ctx, scope: [], idBase: (verb) => `${verb}${groupWord(def.group)}${camel(def.version)}${def.kind}ForAllNamespaces` };
    paths[`${prefix}/${def.plural}`] = { get: op(allCtx, 'list', 'list', gvk, LIST_PARAMS, ok(listRef, '200'), `list or watch objects of kind ${def.kind}`) };
  }
  for (const sub of subresourcesOf(def)) {
    const subItem = subresourcePath(itemCtx, sub);
    if (Object.keys(subItem).length) paths[`${itemPath}/${sub.name}`] = subItem;
  }
  return paths;
}
