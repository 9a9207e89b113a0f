// Test-only protobuf ENCODER driven by the same descriptors as the decoder, plus the k8s envelope writer.
// Writes the JSON it is given (it does not add Go's zero-valued fields); hand-made fixtures cover those.
import { REGISTRY } from './descriptors';
import type { FieldDesc, MapValueKind } from './types';

type Obj = Record<string, unknown>;

export class Writer {
  private out: number[] = [];

  varint(v: number | bigint): this {
    let n = BigInt.asUintN(64, BigInt(v)); // negative int32/int64: 10-byte two's complement, as Go writes
    do {
      const b = Number(n & 0x7fn);
      n >>= 7n;
      this.out.push(n ? b | 0x80 : b);
    } while (n);
    return this;
  }

  tag(field: number, wireType: number): this {
    return this.varint(field * 8 + wireType);
  }

  bytes(field: number, b: Uint8Array): this {
    this.tag(field, 2).varint(b.length);
    for (const x of b) this.out.push(x);
    return this;
  }

  string(field: number, s: string): this {
    return this.bytes(field, new TextEncoder().encode(s));
  }

  double(field: number, d: number): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, d, true);
    this.tag(field, 1);
    for (const x of b) this.out.push(x);
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}

const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

function timeParts(s: string): [number, number] {
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) throw new Error(`bad time ${s}`);
  const frac = /\.(\d+)Z$/.exec(s)?.[1] ?? '';
  return [Math.floor(ms / 1000), Number(frac.padEnd(9, '0').slice(0, 9))];
}

function special(kind: FieldDesc['kind'] | MapValueKind, v: unknown, type?: string): Uint8Array {
  const w = new Writer();
  switch (kind) {
    case 'quantity':
      return w.string(1, String(v)).finish();
    case 'intOrString':
      return typeof v === 'string'
        ? w.tag(1, 0).varint(1).tag(2, 0).varint(0).string(3, v).finish()
        : w.tag(1, 0).varint(0).tag(2, 0).varint(v as number).string(3, '').finish();
    case 'time':
    case 'microTime': {
      if (v === null) return w.finish();
      const [s, n] = timeParts(v as string);
      return w.tag(1, 0).varint(s).tag(2, 0).varint(n).finish();
    }
    case 'rawExtension':
    case 'fieldsV1':
      return w.string(1, JSON.stringify(v)).finish();
    case 'strings':
      for (const s of v as string[]) w.string(1, s);
      return w.finish();
    case 'string':
      return new TextEncoder().encode(v as string);
    case 'bytes':
      return fromBase64(v as string);
    case 'message':
      return encodeMessage(v as Obj, type!);
    default:
      throw new Error(`cannot encode ${kind}`);
  }
}

/** JSON keys an inline (embedded) type contributes, including its own inline members. */
function inlineKeys(type: string): string[] {
  return Object.values(REGISTRY[type]).flatMap((f) => (f.inline ? inlineKeys(f.type!) : [f.name]));
}

function writeValue(w: Writer, num: number, f: FieldDesc, v: unknown): void {
  switch (f.kind) {
    case 'string':
      w.string(num, v as string);
      return;
    case 'bytes':
      w.bytes(num, fromBase64(v as string));
      return;
    case 'int32':
    case 'int64':
      w.tag(num, 0).varint(v as number);
      return;
    case 'bool':
      w.tag(num, 0).varint(v ? 1 : 0);
      return;
    case 'double':
      w.double(num, v as number);
      return;
    case 'message':
      w.bytes(num, encodeMessage(v as Obj, f.type!));
      return;
    default:
      w.bytes(num, special(f.kind, v));
  }
}

/** Encodes a JSON object as protobuf message `type`. */
export function encodeMessage(obj: Obj, type: string): Uint8Array {
  const desc = REGISTRY[type];
  if (!desc) throw new Error(`no descriptor ${type}`);
  const w = new Writer();
  for (const [k, f] of Object.entries(desc)) {
    const num = Number(k);
    if (f.inline) {
      const keys = inlineKeys(f.type!);
      const part = Object.fromEntries(Object.entries(obj).filter(([key]) => keys.includes(key)));
      w.bytes(num, encodeMessage(part, f.type!));
      continue;
    }
    const v = obj[f.name];
    if (v === undefined) continue;
    if (f.kind === 'map') {
      for (const [mk, mv] of Object.entries(v as Obj)) {
        const entry = new Writer().string(1, mk).bytes(2, special(f.value!, mv, f.type)).finish();
        w.bytes(num, entry);
      }
    } else if (f.repeated) {
      for (const item of v as unknown[]) writeValue(w, num, f, item);
    } else writeValue(w, num, f, v);
  }
  return w.finish();
}

/** "k8s\0" + runtime.Unknown{TypeMeta, raw, contentEncoding "", contentType ""}, as client-go writes it. */
export function envelope(apiVersion: string, kind: string, raw: Uint8Array, contentEncoding = ''): Uint8Array {
  const typeMeta = new Writer().string(1, apiVersion).string(2, kind).finish();
  const unknown = new Writer().bytes(1, typeMeta).bytes(2, raw).string(3, contentEncoding).string(4, '').finish();
  return Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...unknown]);
}

/** Encodes a whole JSON object (apiVersion and kind taken from it) into a protobuf request body. */
export function encodeBody(obj: Obj, type: string): Uint8Array {
  const { apiVersion, kind, ...rest } = obj;
  return envelope(apiVersion as string, kind as string, encodeMessage(rest, type));
}
