// A port-forward session driven by a minimal SPDY client (Node's zlib with the dictionary, as Go's
// spdystream compresses) against a real loopback TCP echo server.
import net from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPDY_DICTIONARY } from './dictionary';
import { ControlType, FLAG_FIN, FrameParser, type SpdyFrame, controlFrame, dataFrame, encodeHeaderBlock, u32 } from './frames';
import { PortForwardSession } from './server';

let echo: net.Server;
let port = 0;
beforeAll(async () => {
  echo = net.createServer((s) => s.pipe(s));
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()));
  port = (echo.address() as net.AddressInfo).port;
});
afterAll(() => echo.close());

class Client {
  readonly frames: SpdyFrame[] = [];
  private readonly parser = new FrameParser();
  private readonly deflate = zlib.createDeflate({ dictionary: SPDY_DICTIONARY });
  readonly session = new PortForwardSession({
    send: async (bytes) => void this.frames.push(...this.parser.push(bytes)),
    connect: (p) => net.connect(p, '127.0.0.1'),
    podName: 'default/web',
  });

  private compress(headers: Record<string, string>): Promise<Buffer> {
    return new Promise((res) => {
      const out: Buffer[] = [];
      const on = (c: Buffer) => out.push(c);
      this.deflate.on('data', on);
      this.deflate.write(encodeHeaderBlock(headers));
      this.deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
        this.deflate.off('data', on);
        res(Buffer.concat(out));
      });
    });
  }

  async synStream(stream: number, headers: Record<string, string>) {
    const block = await this.compress(headers);
    this.session.receive(controlFrame(ControlType.SynStream, 0, Buffer.concat([u32(stream), u32(0), Buffer.from([0, 0]), block])));
  }

  async until(pred: (f: SpdyFrame[]) => boolean) {
    for (let i = 0; i < 200 && !pred(this.frames); i++) await new Promise((r) => setTimeout(r, 10));
    expect(pred(this.frames)).toBe(true);
  }

  dataOf(stream: number): string {
    return this.frames
      .filter((f) => !f.control && f.stream === stream)
      .map((f) => f.data.toString())
      .join('');
  }
}

describe('port-forward over SPDY', () => {
  it('replies to both streams and copies bytes to and from the pod port', async () => {
    const c = new Client();
    await c.synStream(1, { streamtype: 'error', port: String(port), requestid: '0' });
    await c.synStream(3, { streamtype: 'data', port: String(port), requestid: '0' });
    await c.until((f) => f.filter((x) => x.control && x.type === ControlType.SynReply).length === 2);
    c.session.receive(dataFrame(3, 0, Buffer.from('hello pod')));
    await c.until(() => c.dataOf(3) === 'hello pod');
    c.session.receive(dataFrame(3, FLAG_FIN));
    await c.until((f) => f.some((x) => !x.control && x.stream === 3 && (x.flags & FLAG_FIN) !== 0));
    c.session.close();
  });

  it('echoes pings and reports a refused connection on the error stream', async () => {
    const c = new Client();
    c.session.receive(controlFrame(ControlType.Ping, 0, u32(1)));
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const dead = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await c.synStream(1, { streamtype: 'error', port: String(dead), requestid: '7' });
    await c.synStream(3, { streamtype: 'data', port: String(dead), requestid: '7' });
    await c.until(() => c.dataOf(1).includes('ECONNREFUSED'));
    expect(c.dataOf(1)).toMatch(new RegExp(`^error forwarding port ${dead} to pod default/web: .*ECONNREFUSED`));
    expect(c.frames.some((f) => f.control && f.type === ControlType.Ping && f.data.readUInt32BE(0) === 1)).toBe(true);
    c.session.close();
  });
});
