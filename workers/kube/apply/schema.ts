// What server-side apply needs to know about a schema position: struct (declared fields), map
// (one value type), list (map/set/atomic) or leaf. Structure comes from the strategic-merge
// reader (describe/hasField); the list and map types come from the `x-kubernetes-*` metadata,
// which may sit on any wrapper (objectMeta puts it on the `.optional()`).
import { z } from 'zod';
import { defOf, describe, hasField, type PatchNode } from '../patch/strategic/schema';
import { keyElement, type Json, type PathElement } from './path';

export type ListType = 'map' | 'set' | 'atomic';

export interface ApplyNode {
  kind: 'struct' | 'map' | 'list' | 'leaf';
  listType?: ListType;
  /** Key fields of a map-type list. */
  keys?: string[];
  /** A built-in struct Go holds by value, so an empty Go object already has it. */
  valueStruct?: boolean;
  core: z.core.$ZodType;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional', 'success']);

/**
 * Struct types upstream marks `+structType=atomic` whose schemas here lack the
 * `x-kubernetes-map-type` tag; without this a Deployment's selector would not be a single field.
 */
const ATOMIC_STRUCT_IDS = new Set([
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector',
  'io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference',
  'io.k8s.api.core.v1.LocalObjectReference',
  'io.k8s.api.core.v1.ObjectReference',
  'io.k8s.api.core.v1.TypedLocalObjectReference',
  'io.k8s.api.core.v1.ConfigMapKeySelector',
  'io.k8s.api.core.v1.SecretKeySelector',
  'io.k8s.api.core.v1.ObjectFieldSelector',
  'io.k8s.api.core.v1.ResourceFieldSelector',
  'io.k8s.api.core.v1.NodeSelector',
  'io.k8s.api.core.v1.NodeSelectorTerm',
  'io.k8s.api.core.v1.TopologySelectorTerm',
]);

// Built-in structs held by value rather than by pointer in the Go types (metadata, specs,
// statuses, strategies, resources); by-pointer structs such as rollingUpdate or securityContext
// are not.
const VALUE_STRUCT_ID = /^io\.k8s\..*\.(ObjectMeta|\w*Spec|\w*Status|\w*Strategy|ResourceRequirements)$/;

// The metadata on `s` and each wrapper beneath it; the outermost value of a key wins.
function metaOf(s: z.core.$ZodType | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let hops = 0; s && hops < 64; hops++) {
    const meta = z.globalRegistry.get(s as z.ZodType) as Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(meta ?? {})) if (!(k in out)) out[k] = v;
    const def = defOf(s);
    if (WRAPPERS.has(def.type)) s = def.innerType;
    else if (def.type === 'lazy') s = def.getter?.();
    else if (def.type === 'pipe') s = def.in && defOf(def.in).type === 'transform' ? def.out : def.in;
    else break;
  }
  return out;
}

const cache = new WeakMap<z.core.$ZodType, ApplyNode>();
const LOOSE: ApplyNode = { kind: 'leaf', core: z.unknown() };

/** Describes one schema position for apply. Free-form JSON (unknown, records of unknown) is a leaf. */
export function nodeOf(schema: z.core.$ZodType | undefined): ApplyNode {
  if (!schema) return LOOSE;
  let node = cache.get(schema);
  if (!node) cache.set(schema, (node = build(schema)));
  return node;
}

function build(schema: z.core.$ZodType): ApplyNode {
  const pn: PatchNode = describe(schema);
  const meta = { ...metaOf(pn.core), ...metaOf(schema) };
  const core = pn.core;
  if (pn.kind === 'object' || pn.kind === 'record') {
    const atomic = meta['x-kubernetes-map-type'] === 'atomic' || ATOMIC_STRUCT_IDS.has(String(meta.id));
    if (atomic) return { kind: 'leaf', core };
    if (pn.kind === 'record') return { kind: 'map', core };
    return VALUE_STRUCT_ID.test(String(meta.id)) ? { kind: 'struct', core, valueStruct: true } : { kind: 'struct', core };
  }
  if (pn.kind !== 'array') return { kind: 'leaf', core };
  const elementKind = describe(defOf(core).element).kind;
  let listType = meta['x-kubernetes-list-type'] as ListType | undefined;
  let keys = meta['x-kubernetes-list-map-keys'] as string[] | undefined;
  // Built-in lists without a list type follow their patch strategy, as upstream's schema conversion does.
  if (!listType && pn.strategies.includes('merge')) listType = pn.mergeKey ? 'map' : 'set';
  if (listType === 'map') keys ??= pn.mergeKey ? [pn.mergeKey] : [];
  if ((listType === 'map' && (!keys?.length || elementKind !== 'object')) || (listType === 'set' && elementKind !== 'scalar')) listType = 'atomic';
  if (listType !== 'map' && listType !== 'set') return { kind: 'list', listType: 'atomic', core };
  return listType === 'map' ? { kind: 'list', listType, keys, core } : { kind: 'list', listType, core };
}

function fieldSchema(s: z.core.$ZodType, key: string): z.core.$ZodType | undefined {
  const def = defOf(s);
  if (def.type === 'record') return def.valueType;
  if (def.type === 'intersection') {
    for (const side of [def.left, def.right]) {
      const c = describe(side).core;
      if (hasField(c, key)) return fieldSchema(c, key);
    }
    return undefined;
  }
  if (def.type !== 'object') return undefined;
  if (def.shape && Object.prototype.hasOwnProperty.call(def.shape, key)) return def.shape[key];
  return def.catchall && defOf(def.catchall).type !== 'never' ? def.catchall : undefined;
}

export interface ChildInfo {
  node: ApplyNode;
  /** A field the struct declares (not a map key or an extra field of a loose object). */
  declared: boolean;
  /** Declared without `.optional()`: Go serializes it even when empty. */
  required: boolean;
}

// childOf runs for every field of every object a write compares or records (managedFields): worked out
// once per schema position and key (7% of the one workerd thread in bench:api's creates, perf). A map's
// keys all share one answer; a struct keeps its declared fields and up to MAX_UNDECLARED others (a loose
// object's keys are the client's).
const children = new WeakMap<ApplyNode, Map<string, ChildInfo>>();
const mapChildren = new WeakMap<ApplyNode, ChildInfo>();
const MAX_UNDECLARED = 256;

/** What `node` says of its field or key `key` (shared: do not modify). */
export function childOf(node: ApplyNode, key: string): ChildInfo {
  if (node.kind === 'map') {
    let c = mapChildren.get(node);
    if (!c) mapChildren.set(node, (c = computeChild(node, key)));
    return c;
  }
  let known = children.get(node);
  if (!known) children.set(node, (known = new Map()));
  let c = known.get(key);
  if (!c) {
    c = computeChild(node, key);
    if (c.declared || known.size < MAX_UNDECLARED) known.set(key, c);
  }
  return c;
}

const OPTIONAL_TYPES = new Set(['optional', 'default', 'prefault']);

function computeChild(node: ApplyNode, key: string): ChildInfo {
  const raw = fieldSchema(node.core, key);
  const declared = node.kind === 'struct' && hasField(node.core, key);
  const rawType = raw ? defOf(raw).type : 'optional';
  return { node: nodeOf(raw), declared, required: declared && !OPTIONAL_TYPES.has(rawType) };
}

export function elementOf(node: ApplyNode): ApplyNode {
  return nodeOf(defOf(node.core).element);
}

// Key fields a list item may omit because upstream's schema gives them a default.
const WELL_KNOWN_KEY_DEFAULTS: Record<string, Json> = { protocol: 'TCP' };

function keyDefault(element: ApplyNode, key: string): Json | undefined {
  const raw = fieldSchema(element.core, key);
  for (let s = raw, hops = 0; s && hops < 16; hops++) {
    const def = defOf(s);
    if (def.type === 'default') return def.defaultValue as Json;
    s = WRAPPERS.has(def.type) ? def.innerType : undefined;
  }
  const meta = metaOf(raw);
  if (meta.default !== undefined) return meta.default as Json;
  return WELL_KNOWN_KEY_DEFAULTS[key];
}

/** The path element of a map-list or set-list item. */
export function itemElement(list: ApplyNode, item: unknown): PathElement {
  if (list.listType === 'set') return { t: 'v', value: item as Json };
  const element = elementOf(list);
  const obj = (item && typeof item === 'object' ? item : {}) as Record<string, Json>;
  const fields: [string, Json][] = [];
  for (const k of list.keys ?? []) {
    const v = Object.prototype.hasOwnProperty.call(obj, k) ? obj[k] : keyDefault(element, k);
    if (v !== undefined && v !== null) fields.push([k, v]);
  }
  return keyElement(fields);
}
