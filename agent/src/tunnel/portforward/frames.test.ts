import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SPDY_DICTIONARY } from './dictionary';
import { ControlType, FLAG_FIN, FrameParser, StoredHeaderWriter, adler32, controlFrame, dataFrame, decodeHeaderBlock, encodeHeaderBlock } from './frames';

describe('SPDY/3 framing', () => {
  it('builds the 1423-byte spec dictionary', () => {
    expect(SPDY_DICTIONARY.length).toBe(1423);
    expect(SPDY_DICTIONARY.subarray(0, 11)).toEqual(Buffer.from('\0\0\0\x07options', 'latin1'));
    expect(SPDY_DICTIONARY.subarray(-6).toString()).toBe('enq=0.');
    // The id Go's spdystream puts in its zlib header (FDICT), as seen on the wire from kubectl.
    expect(adler32(SPDY_DICTIONARY).toString(16)).toBe('e3c6a7c2');
  });

  it('writes header blocks any zlib reader with the dictionary decodes, one block after another', async () => {
    const w = new StoredHeaderWriter();
    const inflate = zlib.createInflate({ dictionary: SPDY_DICTIONARY });
    const read = (b: Buffer) =>
      new Promise<Buffer>((res) => {
        const out: Buffer[] = [];
        const on = (c: Buffer) => out.push(c);
        inflate.on('data', on);
        inflate.write(b);
        inflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
          inflate.off('data', on);
          res(Buffer.concat(out));
        });
      });
    expect(decodeHeaderBlock(await read(w.write(encodeHeaderBlock({}))))).toEqual({});
    expect(decodeHeaderBlock(await read(w.write(encodeHeaderBlock({ StreamType: 'data', port: '8080' }))))).toEqual({ streamtype: 'data', port: '8080' });
  });

  it('splits a byte stream into frames wherever it is cut', () => {
    const bytes = Buffer.concat([controlFrame(ControlType.Ping, 0, Buffer.from([0, 0, 0, 1])), dataFrame(3, FLAG_FIN, Buffer.from('hi'))]);
    const p = new FrameParser();
    const frames = [...p.push(bytes.subarray(0, 5)), ...p.push(bytes.subarray(5, 13)), ...p.push(bytes.subarray(13))];
    expect(frames).toHaveLength(2);
    expect(frames[0]).toMatchObject({ control: true, type: ControlType.Ping, flags: 0 });
    expect(frames[1]).toMatchObject({ control: false, stream: 3, flags: FLAG_FIN });
    expect(frames[1].data.toString()).toBe('hi');
  });
});
