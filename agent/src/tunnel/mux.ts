// The agent's end of one tunnel connection: decodes frames, opens a TunnelStream per Open and hands it
// to the server for its kind; Credit, Data and Close go to the stream they name.
import { FrameType, creditOf, decodeFrame, jsonOf } from '../../../workers/api/src/tunnel/frame';
import type { OpenRequest } from '../../../workers/api/src/tunnel/protocol';
import type { ContainerRuntime } from '../runtime/types';
import { serveExec } from './exec';
import { serveLogs } from './logs';
import { servePortForward } from './portforward';
import { type Log, type ServeContext, errorMessage } from './serve-context';
import { TunnelStream } from './stream';
import type { PodLocator } from './types';

export class TunnelMux {
  private readonly streams = new Map<number, TunnelStream>();

  constructor(
    private readonly sendFrame: (frame: Uint8Array) => void,
    private readonly runtime: ContainerRuntime,
    private readonly locator: PodLocator,
    private readonly log: Log,
  ) {}

  get size(): number {
    return this.streams.size;
  }

  onMessage(data: Uint8Array) {
    const frame = decodeFrame(data);
    if (!frame) return;
    if (frame.type === FrameType.Open) return this.open(frame.stream, jsonOf<ServeContext['open']>(frame));
    const stream = this.streams.get(frame.stream);
    if (!stream) return;
    if (frame.type === FrameType.Data) stream.onData(frame.payload);
    else if (frame.type === FrameType.Credit) stream.credit(creditOf(frame));
    else if (frame.type === FrameType.Close || frame.type === FrameType.End) stream.remoteClosed();
  }

  /** The connection is gone: every stream on it ends. */
  closeAll() {
    for (const s of [...this.streams.values()]) s.remoteClosed();
  }

  private open(id: number, open: (OpenRequest & { probe?: boolean }) | undefined) {
    const stream = new TunnelStream(id, this.sendFrame, (s) => this.streams.delete(s.id));
    this.streams.set(id, stream);
    if (!open || typeof open.namespace !== 'string' || typeof open.pod !== 'string') return stream.fail({ code: 400, message: 'malformed stream request' });
    const ctx: ServeContext = { open, stream, runtime: this.runtime, locator: this.locator, log: this.log };
    this.log('stream opened', { stream: id, kind: open.kind, pod: `${open.namespace}/${open.pod}`, container: open.container });
    const run = async () => {
      switch (open.kind) {
        case 'logs':
          return serveLogs(ctx);
        case 'exec':
        case 'attach':
          return serveExec(ctx);
        case 'portforward':
          return servePortForward(ctx);
        default:
          return stream.fail({ code: 400, message: `unknown stream kind ${JSON.stringify(open.kind)}` });
      }
    };
    run().catch((err) => {
      this.log('stream failed', { stream: id, err: errorMessage(err) });
      stream.fail({ code: 500, message: errorMessage(err) });
    });
  }
}
