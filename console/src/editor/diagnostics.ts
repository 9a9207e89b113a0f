// Turns what the server (or the YAML parser) says about a manifest into diagnostics at a place in the
// text: a Status cause's field path ("spec.template.spec.containers[0].image") is walked through the
// document's syntax tree to the key it names (or the nearest part of it that exists), so the message
// shows at the line the user has to change.
import { isMap, isSeq, LineCounter, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';

export interface Diagnostic {
  /** Offsets into the whole text (all documents). */
  from: number;
  to: number;
  /** 1-based line of `from`, for messages and tests. */
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface StatusLike {
  message?: string;
  reason?: string;
  details?: { causes?: { field?: string; message?: string; reason?: string }[] };
}

export interface ParsedManifest {
  docs: Document.Parsed[];
  lines: LineCounter;
  /** YAML syntax errors (each at its own position). */
  syntax: Diagnostic[];
}

export function parseManifest(text: string): ParsedManifest {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false }) as Document.Parsed[];
  const syntax: Diagnostic[] = [];
  for (const d of Array.isArray(docs) ? docs : []) {
    for (const e of d.errors) syntax.push(at(lines, e.pos[0], e.pos[1], 'error', e.message.split('\n')[0]));
  }
  return { docs: Array.isArray(docs) ? docs.filter((d) => d.contents !== null) : [], lines, syntax };
}

/** "spec.containers[0].image" → ["spec", "containers", 0, "image"]; map keys in brackets stay strings. */
export function fieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(field.replace(/^\./, '')))) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
  }
  return out;
}

/** The text range of the deepest node on `path` in the document (the key of the last pair found). */
export function locate(doc: Document.Parsed, path: (string | number)[]): [number, number] {
  let node: unknown = doc.contents;
  let range: [number, number] = rangeOf(node) ?? [0, 0];
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(seg));
      if (!pair) break;
      range = rangeOf(pair.key) ?? range;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (!item) break;
      range = rangeOf(item) ?? range;
      node = item;
    } else break;
  }
  return range;
}

/** Diagnostics for a failed write of document `docIndex`: one per cause with a field, else the message. */
export function statusDiagnostics(m: ParsedManifest, docIndex: number, status: StatusLike): Diagnostic[] {
  const doc = m.docs[docIndex];
  if (!doc) return [];
  const out: Diagnostic[] = [];
  for (const c of status.details?.causes ?? []) {
    if (!c.field) continue;
    const [from, to] = locate(doc, fieldPath(c.field));
    out.push(at(m.lines, from, to, 'error', `${c.field}: ${c.message ?? c.reason ?? 'invalid'}`));
  }
  // Strict decoding names unknown fields only in the message.
  for (const u of (status.message ?? '').matchAll(/unknown field "([^"]+)"/g)) {
    const [from, to] = locate(doc, fieldPath(u[1]));
    out.push(at(m.lines, from, to, 'error', `unknown field "${u[1]}"`));
  }
  if (out.length === 0) {
    const [from, to] = rangeOf(doc.contents) ?? [0, 0];
    out.push(at(m.lines, from, Math.min(to, from + 1), 'error', status.message ?? 'the server refused this object'));
  }
  return out;
}

function keyText(k: unknown): string | undefined {
  if (k && typeof k === 'object' && 'value' in k) return String((k as { value: unknown }).value);
  return k === null || k === undefined ? undefined : String(k);
}

function rangeOf(n: unknown): [number, number] | undefined {
  const r = (n as YamlNode | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

function at(lines: LineCounter, from: number, to: number, severity: Diagnostic['severity'], message: string): Diagnostic {
  return { from, to: Math.max(from, to), line: lines.linePos(from).line, severity, message };
}
