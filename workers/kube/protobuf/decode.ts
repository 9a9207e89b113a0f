// Descriptor-driven decoding of one protobuf message into the JSON object Go's encoding/json would write
// for the same Go struct (proto2 presence: every wire field was set by the Go marshaller; zero values are
// kept only where Go keeps them, see FieldDesc.zero).
import { StatusError } from '../status';
import type { FieldDesc, MessageDesc, Registry } from './types';
import { base64, intOrString, quantity, rawJson, stringList, timestamp, utf8String } from './values';
import { malformed, MAX_DEPTH, Reader, WireType } from './wire';

export type JsonObject = Record<string, unknown>;

/** Own-property assignment: a map key "__proto__" must become data, not a prototype change. */
export function setOwn(obj: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

// Only scalar fields have Go zero values to omit; wrapper messages (IntOrString 0, Quantity) are structs.
const SCALARS = new Set(['string', 'bytes', 'int32', 'int64', 'bool', 'double']);
const isZero = (f: FieldDesc, v: unknown) => SCALARS.has(f.kind) && (v === '' || v === 0 || v === false);

function expect(wt: number, want: number, f: FieldDesc): void {
  if (wt !== want) throw malformed(`wrong wire type ${wt} for field ${f.name || f.type}`);
}

export class MessageDecoder {
  constructor(private readonly registry: Registry) {}

  private desc(type: string): MessageDesc {
    const d = Object.prototype.hasOwnProperty.call(this.registry, type) ? this.registry[type] : undefined;
    if (!d) throw new Error(`protobuf descriptor ${type} is missing`); // a bug in the tables, not in the input
    return d;
  }

  /** Decodes `buf` as message `type`, merging into `into` (proto semantics: a repeated singular message merges). */
  decode(buf: Uint8Array, type: string, depth = 0, into: JsonObject = {}): JsonObject {
    if (depth > MAX_DEPTH) throw malformed('nesting too deep');
    const desc = this.desc(type);
    const r = new Reader(buf);
    while (!r.done()) {
      const [num, wt] = r.tag();
      const f = Object.prototype.hasOwnProperty.call(desc, num) ? desc[num] : undefined;
      if (!f) r.skip(wt, depth, num); // unknown field: newer server fields are dropped, as Go would
      else this.field(r, f, wt, into, depth);
    }
    return into;
  }

  private field(r: Reader, f: FieldDesc, wt: number, obj: JsonObject, depth: number): void {
    if (f.kind === 'map') return this.mapEntry(r, f, wt, obj, depth);
    if (f.repeated) {
      const list = (Array.isArray(obj[f.name]) ? obj[f.name] : []) as unknown[];
      if (wt === WireType.LEN && (f.kind === 'int32' || f.kind === 'int64' || f.kind === 'bool' || f.kind === 'double')) {
        // Packed encoding: accepted for repeated scalars as every protobuf decoder must.
        const p = new Reader(r.bytes());
        while (!p.done()) list.push(this.scalar(p, f, f.kind === 'double' ? WireType.I64 : WireType.VARINT));
      } else {
        list.push(this.value(r, f, wt, depth, undefined));
      }
      setOwn(obj, f.name, list);
      return;
    }
    if (f.inline) {
      expect(wt, WireType.LEN, f);
      this.decode(r.bytes(), f.type!, depth + 1, obj);
      return;
    }
    const prev = obj[f.name];
    const v = this.value(r, f, wt, depth, prev && typeof prev === 'object' && !Array.isArray(prev) ? (prev as JsonObject) : undefined);
    if (v === null || (isZero(f, v) && !f.zero)) delete obj[f.name];
    else setOwn(obj, f.name, v);
  }

  private value(r: Reader, f: FieldDesc, wt: number, depth: number, prev: JsonObject | undefined): unknown {
    switch (f.kind) {
      case 'string':
        expect(wt, WireType.LEN, f);
        return utf8String(r.bytes());
      case 'bytes':
        expect(wt, WireType.LEN, f);
        return base64(r.bytes());
      case 'int32':
      case 'int64':
      case 'bool':
        return this.scalar(r, f, wt);
      case 'double':
        return this.scalar(r, f, wt);
      case 'message':
        expect(wt, WireType.LEN, f);
        return this.decode(r.bytes(), f.type!, depth + 1, prev ?? {});
      case 'unsupported':
        throw new StatusError(
          415,
          'UnsupportedMediaType',
          `the protobuf body sets ${f.name}, which this server does not decode from protobuf; send the object as application/json`,
        );
      default:
        expect(wt, WireType.LEN, f);
        return this.special(f.kind, r.bytes(), depth + 1);
    }
  }

  private special(kind: string, b: Uint8Array, depth: number): unknown {
    if (depth > MAX_DEPTH) throw malformed('nesting too deep');
    switch (kind) {
      case 'quantity':
        return quantity(b, depth);
      case 'intOrString':
        return intOrString(b, depth);
      case 'time':
        return timestamp(b, depth, false);
      case 'microTime':
        return timestamp(b, depth, true);
      case 'rawExtension':
        return rawJson(b, depth, 'RawExtension');
      case 'fieldsV1':
        return rawJson(b, depth, 'FieldsV1');
      case 'strings':
        return stringList(b, depth);
      case 'bytes':
        return base64(b);
      case 'string':
        return utf8String(b);
      default:
        throw new Error(`protobuf descriptor kind ${kind} is not decodable`);
    }
  }

  private scalar(r: Reader, f: FieldDesc, wt: number): number | boolean {
    if (f.kind === 'double') {
      expect(wt, WireType.I64, f);
      const d = r.double();
      if (!Number.isFinite(d)) throw malformed(`non-finite number in ${f.name}`); // JSON cannot carry it
      return d;
    }
    expect(wt, WireType.VARINT, f);
    if (f.kind === 'bool') return r.bool();
    return f.kind === 'int32' ? r.int32() : r.int64();
  }

  /** One map<string, V> entry {1 key, 2 value}; missing parts take their zero value, as in Go. */
  private mapEntry(r: Reader, f: FieldDesc, wt: number, obj: JsonObject, depth: number): void {
    expect(wt, WireType.LEN, f);
    if (depth + 1 > MAX_DEPTH) throw malformed('nesting too deep');
    const e = new Reader(r.bytes());
    let key = '';
    let val: Uint8Array | undefined;
    while (!e.done()) {
      const [num, ewt] = e.tag();
      if (num === 1) {
        if (ewt !== WireType.LEN) throw malformed(`wrong wire type ${ewt} for ${f.name} key`);
        key = utf8String(e.bytes());
      } else if (num === 2) {
        if (ewt !== WireType.LEN) throw malformed(`wrong wire type ${ewt} for ${f.name} value`);
        val = e.bytes();
      } else e.skip(ewt, depth + 1, num);
    }
    const target = (obj[f.name] && typeof obj[f.name] === 'object' ? obj[f.name] : {}) as JsonObject;
    const b = val ?? new Uint8Array(0);
    const v = f.value === 'message' ? this.decode(b, f.type!, depth + 2) : this.special(f.value!, b, depth + 2);
    setOwn(target, key, v);
    setOwn(obj, f.name, target);
  }
}
