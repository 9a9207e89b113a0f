// Decoders for the apimachinery wrapper messages and scalar conversions, producing exactly what Go's
// encoding/json writes for the same Go value.
import { malformed, Reader, WireType } from './wire';

// Go writes invalid UTF-8 as U+FFFD in JSON; a non-fatal decoder does the same. A leading BOM is data in Go.
const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
export const utf8String = (b: Uint8Array): string => utf8.decode(b);

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard padded base64, as Go's encoding/json writes []byte (no Buffer/btoa dependency). */
export function base64(b: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  if (i < b.length) {
    const n = (b[i] << 16) | ((i + 1 < b.length ? b[i + 1] : 0) << 8);
    out += B64[n >> 18] + B64[(n >> 12) & 63] + (i + 1 < b.length ? B64[(n >> 6) & 63] : '=') + '=';
  }
  return out;
}

function expect(wt: number, want: number, what: string): void {
  if (wt !== want) throw malformed(`wrong wire type ${wt} for ${what}`);
}

/** Reads a tiny wrapper message field by field; unknown fields are skipped. */
function eachField(b: Uint8Array, depth: number, on: (field: number, wt: number, r: Reader) => boolean): void {
  const r = new Reader(b);
  while (!r.done()) {
    const [field, wt] = r.tag();
    if (!on(field, wt, r)) r.skip(wt, depth, field);
  }
}

/** resource.Quantity {1 string}: the canonical string; an absent string is the zero quantity "0". */
export function quantity(b: Uint8Array, depth: number): string {
  let s = '0';
  eachField(b, depth, (field, wt, r) => {
    if (field !== 1) return false;
    expect(wt, WireType.LEN, 'Quantity.string');
    s = utf8String(r.bytes());
    return true;
  });
  return s;
}

/** intstr.IntOrString {1 type, 2 intVal, 3 strVal}: JSON is the number or the string, by type. */
export function intOrString(b: Uint8Array, depth: number): number | string {
  let type = 0;
  let intVal = 0;
  let strVal = '';
  eachField(b, depth, (field, wt, r) => {
    if (field === 1) {
      expect(wt, WireType.VARINT, 'IntOrString.type');
      type = r.int64();
    } else if (field === 2) {
      expect(wt, WireType.VARINT, 'IntOrString.intVal');
      intVal = r.int32();
    } else if (field === 3) {
      expect(wt, WireType.LEN, 'IntOrString.strVal');
      strVal = utf8String(r.bytes());
    } else return false;
    return true;
  });
  return type === 1 ? strVal : intVal;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/**
 * meta.Time / meta.MicroTime {1 seconds, 2 nanos} -> RFC3339 in UTC; Time drops the fraction, MicroTime keeps
 * 6 digits. (0, 0) is Go's zero time, which marshals as JSON null. Years outside 0000-9999 cannot be
 * written as RFC3339 (Go's MarshalJSON fails too): 400.
 */
export function timestamp(b: Uint8Array, depth: number, micro: boolean): string | null {
  let seconds = 0;
  let nanos = 0;
  eachField(b, depth, (field, wt, r) => {
    if (field === 1) {
      expect(wt, WireType.VARINT, 'Time.seconds');
      seconds = r.int64();
    } else if (field === 2) {
      expect(wt, WireType.VARINT, 'Time.nanos');
      nanos = r.int32();
    } else return false;
    return true;
  });
  if (seconds === 0 && nanos === 0) return null;
  // Normalise like Go's time.Unix: nanos outside [0, 1e9) carry into seconds.
  seconds += Math.floor(nanos / 1e9);
  nanos = ((nanos % 1e9) + 1e9) % 1e9;
  const d = new Date(seconds * 1000);
  const year = d.getUTCFullYear();
  if (!Number.isFinite(d.getTime()) || year < 0 || year > 9999) throw malformed('timestamp out of range');
  const date = `${pad(year, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
  const clock = `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
  return `${date}T${clock}${micro ? `.${pad(Math.floor(nanos / 1000), 6)}` : ''}Z`;
}

/** runtime.RawExtension / meta.FieldsV1 {1 raw bytes}: the bytes are JSON; empty means null (Go: nil Raw). */
export function rawJson(b: Uint8Array, depth: number, what: string): unknown {
  let raw: Uint8Array | undefined;
  eachField(b, depth, (field, wt, r) => {
    if (field !== 1) return false;
    expect(wt, WireType.LEN, `${what}.raw`);
    raw = r.bytes();
    return true;
  });
  if (!raw || raw.length === 0) return null;
  try {
    return JSON.parse(utf8String(raw));
  } catch {
    throw malformed(`${what} does not hold JSON`);
  }
}

/** authorization ExtraValue {1 repeated string items} -> JSON array of strings. */
export function stringList(b: Uint8Array, depth: number): string[] {
  const items: string[] = [];
  eachField(b, depth, (field, wt, r) => {
    if (field !== 1) return false;
    expect(wt, WireType.LEN, 'ExtraValue.items');
    items.push(utf8String(r.bytes()));
    return true;
  });
  return items;
}
