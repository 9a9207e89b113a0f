import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { demux, passRaw } from './demux';
import { text } from './testing';

function frame(stream: number, payload: string): Buffer {
  const body = Buffer.from(payload);
  const head = Buffer.alloc(8);
  head[0] = stream;
  head.writeUInt32BE(body.length, 4);
  return Buffer.concat([head, body]);
}

describe('demux', () => {
  it('routes frames to stdout and stderr even when chunks split headers and payloads', async () => {
    const all = Buffer.concat([frame(1, 'out-a\n'), frame(2, 'err-a\n'), frame(1, ''), frame(1, 'out-b\n'), frame(2, 'err-b\n')]);
    const src = new PassThrough();
    const d = demux(src);
    const results = Promise.all([text(d.stdout), text(d.stderr)]);
    // Feed byte by byte in odd-sized pieces.
    for (let i = 0; i < all.length; i += 3) src.write(all.subarray(i, i + 3));
    src.end();
    await d.done;
    expect(await results).toEqual(['out-a\nout-b\n', 'err-a\nerr-b\n']);
  });

  it('ends both outputs when the source is destroyed', async () => {
    const src = new PassThrough();
    const d = demux(src);
    src.write(frame(1, 'partial'));
    const results = Promise.all([text(d.stdout), text(d.stderr)]);
    src.destroy();
    await d.done;
    expect(await results).toEqual(['partial', '']);
  });

  it('passes a TTY stream through as stdout', async () => {
    const src = new PassThrough();
    const d = passRaw(src);
    const results = Promise.all([text(d.stdout), text(d.stderr)]);
    src.end(Buffer.from([1, 0, 0, 0, 0, 0, 0, 2, 104, 105]));
    expect(await results).toEqual(['\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0002hi', '']);
  });
});
