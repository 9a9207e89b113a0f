// SPDY/3.1 framing, just what a port-forward server needs (spec draft 3.1, section 2.2):
//   control: [1|version:15][type:16][flags:8][length:24][data]
//   data:    [0|stream:31][flags:8][length:24][data]
import zlib from 'node:zlib';
import { SPDY_DICTIONARY } from './dictionary';

export const SPDY_VERSION = 3;
export const ControlType = { SynStream: 1, SynReply: 2, RstStream: 3, Settings: 4, Ping: 6, GoAway: 7, Headers: 8, WindowUpdate: 9 } as const;
export const FLAG_FIN = 0x01;
/** RST_STREAM status codes used here. */
export const RstStatus = { ProtocolError: 1, Cancel: 5, InternalError: 6 } as const;

export type SpdyFrame =
  | { control: true; type: number; flags: number; data: Buffer }
  | { control: false; stream: number; flags: number; data: Buffer };

/** Splits a byte stream (WebSocket messages carry arbitrary pieces of it) into frames. */
export class FrameParser {
  private buf = Buffer.alloc(0);

  push(chunk: Uint8Array): SpdyFrame[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : Buffer.from(chunk);
    const out: SpdyFrame[] = [];
    while (this.buf.length >= 8) {
      const length = this.buf.readUIntBE(5, 3);
      if (this.buf.length < 8 + length) break;
      const flags = this.buf[4];
      const data = this.buf.subarray(8, 8 + length);
      if (this.buf[0] & 0x80) out.push({ control: true, type: this.buf.readUInt16BE(2), flags, data });
      else out.push({ control: false, stream: this.buf.readUInt32BE(0) & 0x7fffffff, flags, data });
      this.buf = this.buf.subarray(8 + length);
    }
    return out;
  }
}

export function controlFrame(type: number, flags: number, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x8000 | SPDY_VERSION, 0);
  head.writeUInt16BE(type, 2);
  head[4] = flags;
  head.writeUIntBE(data.length, 5, 3);
  return Buffer.concat([head, data]);
}

export function dataFrame(stream: number, flags: number, data: Uint8Array = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(stream & 0x7fffffff, 0);
  head[4] = flags;
  head.writeUIntBE(data.length, 5, 3);
  return Buffer.concat([head, data]);
}

export function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/** A header block before compression: count, then length-prefixed names and values. */
export function encodeHeaderBlock(headers: Record<string, string>): Buffer {
  const parts: Buffer[] = [u32(Object.keys(headers).length)];
  for (const [k, v] of Object.entries(headers)) {
    const name = Buffer.from(k.toLowerCase());
    const value = Buffer.from(v);
    parts.push(u32(name.length), name, u32(value.length), value);
  }
  return Buffer.concat(parts);
}

export function decodeHeaderBlock(block: Buffer): Record<string, string> {
  const headers: Record<string, string> = {};
  let at = 0;
  const read = () => {
    const len = block.readUInt32BE(at);
    const s = block.subarray(at + 4, at + 4 + len).toString('utf8');
    at += 4 + len;
    return s;
  };
  const count = block.readUInt32BE(0);
  at = 4;
  for (let i = 0; i < count && at < block.length; i++) {
    const name = read();
    // Several values of one header are NUL-separated; port-forward headers have one.
    headers[name.toLowerCase()] = read().split('\0')[0];
  }
  return headers;
}

/**
 * Outgoing header compression without a compressor: a zlib stream (FDICT, the SPDY dictionary's
 * Adler-32) whose blocks are all "stored" deflate blocks, each byte-aligned like a sync flush.
 * Any zlib reader primed with the dictionary (Go's spdystream) decodes it.
 */
export class StoredHeaderWriter {
  private started = false;

  write(block: Buffer): Buffer {
    const parts: Buffer[] = [];
    if (!this.started) {
      this.started = true;
      // CMF 0x78 (deflate, 32K window); FLG with FDICT set and the FCHECK bits making CMF*256+FLG % 31 == 0.
      const cmf = 0x78;
      let flg = 0x20 | 0x80;
      flg += (31 - ((cmf * 256 + flg) % 31)) % 31;
      parts.push(Buffer.from([cmf, flg]), u32(adler32(SPDY_DICTIONARY)));
    }
    for (let at = 0; at < block.length; at += 0xffff) parts.push(storedBlock(block.subarray(at, at + 0xffff)));
    // An empty stored block ends each header block, exactly as a sync flush does: Go's inflater hands
    // out what it has only on reaching one, instead of reading on into the next frame's bytes.
    parts.push(storedBlock(Buffer.alloc(0)));
    return Buffer.concat(parts);
  }
}

/** A non-final stored deflate block: header byte 0 (BFINAL 0, BTYPE 00), LEN and its complement. */
function storedBlock(piece: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt16LE(piece.length, 1);
  head.writeUInt16LE(~piece.length & 0xffff, 3);
  return Buffer.concat([head, piece]);
}

export function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** Incoming header blocks share one zlib stream per connection; each ends with a sync flush. */
export class HeaderReader {
  private readonly inflate = zlib.createInflate({ dictionary: SPDY_DICTIONARY });
  private queue: Promise<unknown> = Promise.resolve();

  read(compressed: Buffer): Promise<Record<string, string>> {
    const next = this.queue.then(
      () =>
        new Promise<Record<string, string>>((resolve, reject) => {
          const out: Buffer[] = [];
          const onData = (c: Buffer) => out.push(c);
          const onError = (e: Error) => reject(e);
          this.inflate.on('data', onData);
          this.inflate.once('error', onError);
          this.inflate.write(compressed);
          this.inflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
            this.inflate.off('data', onData);
            this.inflate.off('error', onError);
            try {
              resolve(decodeHeaderBlock(Buffer.concat(out)));
            } catch (e) {
              reject(e);
            }
          });
        }),
    );
    this.queue = next.catch(() => undefined);
    return next;
  }

  close() {
    this.inflate.destroy();
  }
}
