// Protobuf wire-format reader. Every read is bounds-checked: malformed or truncated input throws a
// 400 StatusError, never a RangeError, a hang or a silently wrong value.
import { badRequest, StatusError } from '../status';

export const WireType = { VARINT: 0, I64: 1, LEN: 2, SGROUP: 3, EGROUP: 4, I32: 5 } as const;

/** Nesting limit for messages and groups; well above the deepest Kubernetes object (~15). */
export const MAX_DEPTH = 64;

export const malformed = (why: string): StatusError => badRequest(`unable to decode protobuf body: ${why}`);

export class Reader {
  pos: number;

  constructor(
    readonly buf: Uint8Array,
    pos = 0,
    readonly end = buf.length,
  ) {
    this.pos = pos;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  private byte(): number {
    if (this.pos >= this.end) throw malformed('unexpected end of data');
    return this.buf[this.pos++];
  }

  /** Unsigned varint as a number; exact up to 7 bytes (49 bits), else reread through BigInt (truncated to 64 bits). */
  private uvarint(): number | bigint {
    const start = this.pos;
    let value = 0;
    for (let i = 0; i < 7; i++) {
      const b = this.byte();
      value += (b & 0x7f) * 2 ** (7 * i);
      if (b < 0x80) return value;
    }
    this.pos = start;
    let big = 0n;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      big |= BigInt(b & 0x7f) << BigInt(7 * i);
      if (b < 0x80) return BigInt.asUintN(64, big);
    }
    throw malformed('varint longer than 10 bytes');
  }

  /** A varint that must fit a safe integer (tags, lengths). */
  private smallVarint(what: string): number {
    const v = this.uvarint();
    if (typeof v !== 'number') throw malformed(`${what} out of range`);
    return v;
  }

  /** Returns [field number, wire type]. */
  tag(): [number, number] {
    const t = this.smallVarint('field tag');
    const field = Math.floor(t / 8);
    if (field < 1 || field > 0x1fffffff) throw malformed(`invalid field number ${field}`);
    return [field, t & 7];
  }

  /** int32: a plain varint (negative values are sign-extended 10-byte varints); keeps the low 32 bits. */
  int32(): number {
    const v = this.uvarint();
    return typeof v === 'number' ? v | 0 : Number(BigInt.asIntN(32, v));
  }

  int64(): number {
    const v = this.uvarint();
    return typeof v === 'number' ? v : Number(BigInt.asIntN(64, v));
  }

  bool(): boolean {
    const v = this.uvarint();
    return v !== 0 && v !== 0n;
  }

  private need(n: number): number {
    if (n > this.end - this.pos) throw malformed('unexpected end of data');
    const at = this.pos;
    this.pos += n;
    return at;
  }

  double(): number {
    const at = this.need(8);
    return new DataView(this.buf.buffer, this.buf.byteOffset + at, 8).getFloat64(0, true);
  }

  /** Length-delimited payload as a view (no copy). */
  bytes(): Uint8Array {
    const len = this.smallVarint('length');
    const at = this.need(len);
    return this.buf.subarray(at, at + len);
  }

  /** Skips a field of unknown number; groups are walked to their end tag, with the nesting capped. */
  skip(wireType: number, depth: number, field = 0): void {
    switch (wireType) {
      case WireType.VARINT:
        this.uvarint();
        return;
      case WireType.I64:
        this.need(8);
        return;
      case WireType.LEN:
        this.bytes();
        return;
      case WireType.I32:
        this.need(4);
        return;
      case WireType.SGROUP: {
        if (depth >= MAX_DEPTH) throw malformed('nesting too deep');
        for (;;) {
          const [f, wt] = this.tag();
          if (wt === WireType.EGROUP) {
            if (f !== field) throw malformed('mismatched end group');
            return;
          }
          this.skip(wt, depth + 1, f);
        }
      }
      default:
        throw malformed(`invalid wire type ${wireType}`);
    }
  }
}
