// The port-forward protocol (portforward.k8s.io) over SPDY/3.1, as kubectl speaks it inside the
// WebSocket tunnel `SPDY/3.1+portforward.k8s.io`: for each local connection the client opens an
// "error" stream and a "data" stream with the same requestid and port headers; we connect to the
// pod's port and copy bytes between the data stream and the TCP connection, reporting failures as
// text on the error stream, as the kubelet does.
import type { Socket } from 'node:net';
import { ControlType, FLAG_FIN, FrameParser, HeaderReader, RstStatus, StoredHeaderWriter, controlFrame, dataFrame, encodeHeaderBlock, u32, type SpdyFrame } from './frames';

/** Largest data frame we send (SPDY allows 16 MiB; smaller frames interleave streams fairly). */
const MAX_FRAME = 32 * 1024;

export interface PortForwardOptions {
  /** Writes bytes of the SPDY connection to the client; resolves when it may take more. */
  send(bytes: Buffer): Promise<void>;
  /** Opens a TCP connection to the pod's port. */
  connect(port: number): Socket;
  /** For error messages: "pod <ns>/<name>". */
  podName: string;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

interface Pair {
  port: number;
  errorStream?: number;
  dataStream?: number;
  socket?: Socket;
}

export class PortForwardSession {
  private readonly parser = new FrameParser();
  private readonly headers = new HeaderReader();
  private readonly writer = new StoredHeaderWriter();
  private readonly pairs = new Map<string, Pair>();
  private readonly byStream = new Map<number, Pair>();
  /** Frames are handled in order; header decompression is asynchronous. */
  private chain: Promise<void> = Promise.resolve();
  /** Output goes out in order: a SYN_REPLY always precedes the data of its stream. */
  private out: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly opts: PortForwardOptions) {}

  receive(bytes: Uint8Array) {
    for (const frame of this.parser.push(bytes)) this.chain = this.chain.then(() => this.handle(frame)).catch((err) => this.fail(err));
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.headers.close();
    for (const p of this.byStream.values()) p.socket?.destroy();
    this.byStream.clear();
    this.pairs.clear();
  }

  private emit(bytes: Buffer): Promise<void> {
    this.out = this.out.then(() => (this.closed ? undefined : this.opts.send(bytes)));
    return this.out;
  }

  private fail(err: unknown) {
    this.opts.log?.('port-forward session failed', { pod: this.opts.podName, err: String(err) });
    this.close();
  }

  private async handle(f: SpdyFrame) {
    if (this.closed) return;
    if (!f.control) return this.onData(f.stream, f.flags, f.data);
    switch (f.type) {
      case ControlType.SynStream:
        return this.onSynStream(f.data.readUInt32BE(0) & 0x7fffffff, f.flags, await this.headers.read(f.data.subarray(10)));
      case ControlType.Ping:
        // Pings from the client carry odd ids and must be echoed.
        return void this.emit(controlFrame(ControlType.Ping, 0, f.data));
      case ControlType.RstStream:
        return this.onReset(f.data.readUInt32BE(0) & 0x7fffffff);
      case ControlType.GoAway:
        return this.close();
      case ControlType.Headers:
        // Keeps the shared decompressor in step even though the headers are not needed.
        await this.headers.read(f.data.subarray(4));
        return;
      default:
        return; // SETTINGS, WINDOW_UPDATE: spdystream sends none that matter here.
    }
  }

  private onSynStream(stream: number, flags: number, headers: Record<string, string>) {
    void this.emit(controlFrame(ControlType.SynReply, 0, Buffer.concat([u32(stream), this.writer.write(encodeHeaderBlock({}))])));
    const port = Number(headers.port);
    const id = headers.requestid ?? String(stream);
    let pair = this.pairs.get(id);
    if (!pair) {
      pair = { port };
      this.pairs.set(id, pair);
    }
    this.byStream.set(stream, pair);
    if (headers.streamtype === 'error') {
      pair.errorStream = stream;
      return;
    }
    if (headers.streamtype !== 'data') {
      void this.emit(controlFrame(ControlType.RstStream, 0, Buffer.concat([u32(stream), u32(RstStatus.ProtocolError)])));
      return;
    }
    pair.dataStream = stream;
    if (!Number.isInteger(port) || port < 1 || port > 65535) return this.reportError(pair, `invalid port ${JSON.stringify(headers.port ?? '')}`);
    if (flags & FLAG_FIN) return;
    this.dial(pair, stream);
  }

  private dial(pair: Pair, stream: number) {
    const socket = this.opts.connect(pair.port);
    pair.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      // Copy out in frames; pause the socket until the tunnel took them (backpressure).
      socket.pause();
      const frames: Promise<void>[] = [];
      for (let at = 0; at < chunk.length; at += MAX_FRAME) frames.push(this.emit(dataFrame(stream, 0, chunk.subarray(at, at + MAX_FRAME))));
      Promise.all(frames).then(() => socket.resume(), () => socket.destroy());
    });
    // Both streams end with the connection, as the kubelet closes both: kubectl closes its local
    // connection only once the error stream has ended too (a close-delimited HTTP reply hung before).
    socket.on('end', () => {
      void this.emit(dataFrame(stream, FLAG_FIN));
      if (pair.errorStream !== undefined) void this.emit(dataFrame(pair.errorStream, FLAG_FIN));
    });
    socket.on('error', (err) => this.reportError(pair, String(err.message ?? err)));
    socket.on('close', () => this.forget(pair));
  }

  /** Upstream's message on the error stream, then both streams end. */
  private reportError(pair: Pair, why: string) {
    const text = `error forwarding port ${pair.port} to pod ${this.opts.podName}: ${why}`;
    if (pair.errorStream !== undefined) {
      void this.emit(dataFrame(pair.errorStream, 0, Buffer.from(text)));
      void this.emit(dataFrame(pair.errorStream, FLAG_FIN));
    }
    if (pair.dataStream !== undefined) void this.emit(dataFrame(pair.dataStream, FLAG_FIN));
    this.forget(pair);
  }

  private onData(stream: number, flags: number, data: Buffer) {
    const pair = this.byStream.get(stream);
    if (!pair || stream !== pair.dataStream || !pair.socket) return;
    if (data.length) pair.socket.write(data);
    if (flags & FLAG_FIN) pair.socket.end();
  }

  private onReset(stream: number) {
    const pair = this.byStream.get(stream);
    if (pair) {
      pair.socket?.destroy();
      this.forget(pair);
    }
  }

  private forget(pair: Pair) {
    for (const [k, v] of this.pairs) if (v === pair) this.pairs.delete(k);
    for (const s of [pair.errorStream, pair.dataStream]) if (s !== undefined) this.byStream.delete(s);
  }
}
