// Path elements of structured-merge-diff field paths: a struct/map field (`f:`), a map-list item
// by its keys (`k:`), a set-list item by value (`v:`) and a positional item (`i:`). The ordering
// and both text forms (fieldsV1 keys, and `.spec.containers[name="x"]` in conflict messages)
// follow upstream, because managedFields and conflict errors are compared byte for byte.

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export type PathElement =
  | { t: 'f'; name: string }
  | { t: 'k'; fields: [string, Json][] }
  | { t: 'v'; value: Json }
  | { t: 'i'; index: number };

export type Path = PathElement[];

export const field = (name: string): PathElement => ({ t: 'f', name });

/** A key element; fields are kept sorted by name so equal keys have one spelling. */
export function keyElement(fields: [string, Json][]): PathElement {
  return { t: 'k', fields: [...fields].sort((a, b) => cmpStr(a[0], b[0])) };
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// Upstream orders values by type first: numbers, strings, booleans, lists, maps, then null.
function typeRank(v: Json): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (Array.isArray(v)) return 3;
  if (v !== null) return 4;
  return 5;
}

export function compareValues(a: Json, b: Json): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return cmpStr(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareValues(a[i], b[i]);
      if (c) return c;
    }
    return a.length - b.length;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    return compareFields(sortedEntries(a as Record<string, Json>), sortedEntries(b as Record<string, Json>));
  }
  return 0;
}

const sortedEntries = (o: Record<string, Json>): [string, Json][] => Object.keys(o).sort(cmpStr).map((k) => [k, o[k]]);

function compareFields(a: [string, Json][], b: [string, Json][]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = cmpStr(a[i][0], b[i][0]) || compareValues(a[i][1], b[i][1]);
    if (c) return c;
  }
  return a.length - b.length;
}

const RANK = { f: 0, k: 1, v: 2, i: 3 } as const;

export function compareElements(a: PathElement, b: PathElement): number {
  if (a.t !== b.t) return RANK[a.t] - RANK[b.t];
  if (a.t === 'f' && b.t === 'f') return cmpStr(a.name, b.name);
  if (a.t === 'k' && b.t === 'k') return compareFields(a.fields, b.fields);
  if (a.t === 'v' && b.t === 'v') return compareValues(a.value, b.value);
  if (a.t === 'i' && b.t === 'i') return a.index - b.index;
  return 0;
}

// Object keys in sorted order so the same value always serializes to the same text.
function canonicalJson(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') return `{${sortedEntries(v).map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  return JSON.stringify(v);
}

// Every element's key is asked for at each level of every path through it, and field names repeat
// across objects: field keys are interned, key and value elements remember theirs.
const fieldKeys = new Map<string, string>();
const computedKeys = new WeakMap<PathElement, string>();

/** The fieldsV1 key of an element: `f:name`, `k:{"name":"x"}`, `v:"x"`, `i:0`. */
export function elementKey(pe: PathElement): string {
  switch (pe.t) {
    case 'f': {
      let k = fieldKeys.get(pe.name);
      if (k === undefined) {
        k = `f:${pe.name}`;
        if (fieldKeys.size < 10_000) fieldKeys.set(pe.name, k);
      }
      return k;
    }
    case 'k':
    case 'v': {
      let k = computedKeys.get(pe);
      if (k === undefined) {
        k = pe.t === 'k' ? `k:${canonicalJson(Object.fromEntries(pe.fields) as Json)}` : `v:${canonicalJson(pe.value)}`;
        computedKeys.set(pe, k);
      }
      return k;
    }
    case 'i':
      return `i:${pe.index}`;
  }
}

/** Parses a fieldsV1 key; throws on anything upstream would reject. */
export function parseElementKey(key: string): PathElement {
  const body = key.slice(2);
  switch (key.slice(0, 2)) {
    case 'f:':
      return field(body);
    case 'k:': {
      const obj = JSON.parse(body) as unknown;
      if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new Error(`invalid key element ${JSON.stringify(key)}`);
      return keyElement(Object.entries(obj as Record<string, Json>));
    }
    case 'v:':
      return { t: 'v', value: JSON.parse(body) as Json };
    case 'i:': {
      const index = Number(body);
      if (!Number.isInteger(index) || index < 0) throw new Error(`invalid index element ${JSON.stringify(key)}`);
      return { t: 'i', index };
    }
    default:
      throw new Error(`unknown path element type in ${JSON.stringify(key)}`);
  }
}

/** The human form used in conflict messages: `.spec.containers[name="nginx"].image`. */
export function pathString(path: Path): string {
  return path
    .map((pe) => {
      switch (pe.t) {
        case 'f':
          return `.${pe.name}`;
        case 'k':
          return `[${pe.fields.map(([k, v]) => `${k}=${canonicalJson(v)}`).join(',')}]`;
        case 'v':
          return `[=${canonicalJson(pe.value)}]`;
        case 'i':
          return `[${pe.index}]`;
      }
    })
    .join('');
}
