// One stream of the node tunnel, seen from the NodeTunnel Durable Object: it waits for the agent's
// Accept, then relays the agent's Data to the client (an HTTP body or a WebSocket) and the client's
// WebSocket messages to the agent, granting the agent Credit as the client consumes.
import { type CloseInfo, FrameType, STREAM_WINDOW, encodeCredit, encodeFrame, encodeJsonFrame } from './frame';

/** Credit is returned in batches of at least this many bytes (well under STREAM_WINDOW, so no stall). */
const CREDIT_BATCH = STREAM_WINDOW / 8;

export type Accepted = { ok: true } | { ok: false; info: CloseInfo };

export class Relay {
  readonly accepted: Promise<Accepted>;
  private settle!: (a: Accepted) => void;
  private body?: { readable: ReadableStream<Uint8Array>; writer: WritableStreamDefaultWriter<Uint8Array> };
  private ws?: WebSocket;
  /** Writes to the HTTP body happen one after another, in frame order. */
  private chain: Promise<void> = Promise.resolve();
  private uncredited = 0;
  private done = false;

  constructor(
    readonly id: number,
    private readonly send: (frame: Uint8Array) => void,
    private readonly onDone: (r: Relay) => void,
  ) {
    this.accepted = new Promise((res) => (this.settle = res));
  }

  /** An HTTP response body fed by the agent's Data frames. */
  asBody(): ReadableStream<Uint8Array> {
    const t = new TransformStream<Uint8Array, Uint8Array>();
    this.body = { readable: t.readable, writer: t.writable.getWriter() };
    // A client that goes away cancels the body: stop the agent's work then, not at its next write.
    this.body.writer.closed.catch(() => this.abort());
    return t.readable;
  }

  /** Binds the server side of the client's WebSocket: each message becomes one Data frame. */
  bindSocket(ws: WebSocket) {
    this.ws = ws;
    ws.accept();
    ws.binaryType = 'arraybuffer';
    ws.addEventListener('message', (e) => {
      if (this.done) return;
      const data = typeof e.data === 'string' ? new TextEncoder().encode(e.data) : new Uint8Array(e.data as ArrayBuffer);
      this.send(encodeFrame(FrameType.Data, this.id, data));
    });
    ws.addEventListener('close', () => this.abort());
    ws.addEventListener('error', () => this.abort());
  }

  /** A frame from the agent for this stream. */
  onFrame(type: number, payload: Uint8Array, info?: CloseInfo) {
    switch (type) {
      case FrameType.Accept:
        this.settle({ ok: true });
        return;
      case FrameType.Data:
        this.deliver(payload);
        return;
      case FrameType.End:
        // The agent has sent everything: end the body, or close the socket after what is queued.
        this.finish();
        return;
      case FrameType.Close:
        this.settle({ ok: false, info: info ?? { code: 500, message: 'stream closed by the node' } });
        this.finish(info);
        return;
    }
  }

  private deliver(payload: Uint8Array) {
    const n = payload.byteLength;
    if (this.ws) {
      // A Workers WebSocket has no backpressure signal: a message handed to send() counts as consumed.
      try {
        this.ws.send(payload.slice());
      } catch {
        this.abort();
        return;
      }
      this.consumed(n);
      return;
    }
    const body = this.body;
    if (!body) return;
    const copy = payload.slice();
    this.chain = this.chain.then(async () => {
      if (this.done) return;
      try {
        await body.writer.write(copy);
        this.consumed(n);
      } catch {
        this.abort();
      }
    });
  }

  private consumed(n: number) {
    this.uncredited += n;
    if (this.uncredited >= CREDIT_BATCH) {
      this.send(encodeCredit(this.id, this.uncredited));
      this.uncredited = 0;
    }
  }

  /** Ends the client side after everything queued was delivered. */
  private finish(info?: CloseInfo) {
    this.chain = this.chain.then(async () => {
      if (this.done) return;
      this.done = true;
      this.onDone(this);
      if (this.body) await this.body.writer.close().catch(() => undefined);
      if (this.ws) closeSocket(this.ws, info?.message ? 1011 : 1000, info?.message ?? '');
    });
  }

  /** The client went away (or the tunnel did): tell the agent and drop everything. */
  abort(info?: CloseInfo) {
    if (this.done) return;
    this.done = true;
    this.onDone(this);
    this.settle({ ok: false, info: info ?? { code: 500, message: 'stream aborted' } });
    try {
      this.send(encodeJsonFrame(FrameType.Close, this.id, {}));
    } catch {
      // The tunnel itself is gone; nothing to tell.
    }
    // Closed rather than errored: an errored body is an uncaught exception in the runtime's logs.
    if (this.body) this.body.writer.close().catch(() => undefined);
    if (this.ws) closeSocket(this.ws, 1011, info?.message ?? '');
  }
}

function closeSocket(ws: WebSocket, code: number, reason: string) {
  try {
    ws.close(code, reason.slice(0, 120));
  } catch {
    // Already closed.
  }
}
