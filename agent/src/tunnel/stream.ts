// One tunnel stream on the agent's side: sends with per-stream credit (at most STREAM_WINDOW bytes
// unacknowledged by the NodeTunnel), and hands the API's frames to whoever serves the stream.
import { type CloseInfo, FrameType, MAX_DATA, STREAM_WINDOW, encodeFrame, encodeJsonFrame } from '../../../workers/api/src/tunnel/frame';

export class TunnelStream {
  /** The API's Data frames (client bytes, or one client WebSocket message each). */
  onData: (data: Uint8Array) => void = () => undefined;
  /** The API closed the stream (the client went away): stop the work behind it. */
  onClose: () => void = () => undefined;
  closed = false;
  private inFlight = 0;
  private waiters: (() => void)[] = [];

  constructor(
    readonly id: number,
    private readonly sendFrame: (frame: Uint8Array) => void,
    private readonly onFinished: (s: TunnelStream) => void,
  ) {}

  accept() {
    this.sendFrame(encodeJsonFrame(FrameType.Accept, this.id, {}));
  }

  /** Sends one Data frame (at most MAX_DATA bytes), waiting for credit first. */
  async send(data: Uint8Array): Promise<void> {
    while (!this.closed && this.inFlight >= STREAM_WINDOW) await new Promise<void>((r) => this.waiters.push(r));
    if (this.closed) throw new Error('stream closed');
    this.inFlight += data.byteLength;
    this.sendFrame(encodeFrame(FrameType.Data, this.id, data));
  }

  /** Sends bytes of a byte stream, split into frames. */
  async write(data: Uint8Array): Promise<void> {
    for (let at = 0; at < data.byteLength; at += MAX_DATA) await this.send(data.subarray(at, at + MAX_DATA));
  }

  credit(bytes: number) {
    this.inFlight = Math.max(0, this.inFlight - bytes);
    for (const w of this.waiters.splice(0)) w();
  }

  /** Normal end: everything was sent. */
  end() {
    if (this.closed) return;
    this.sendFrame(encodeFrame(FrameType.End, this.id));
    this.finish();
  }

  /** Ends the stream with an error (before Accept it becomes the HTTP Status of the request). */
  fail(info: CloseInfo) {
    if (this.closed) return;
    this.sendFrame(encodeJsonFrame(FrameType.Close, this.id, info));
    this.finish();
  }

  /** The API closed the stream. */
  remoteClosed() {
    if (this.closed) return;
    this.finish();
    this.onClose();
  }

  private finish() {
    this.closed = true;
    for (const w of this.waiters.splice(0)) w();
    this.onFinished(this);
  }
}
