// One open watch stream and its delivery position.
import type { KObject } from '../../../kube/registry/types';
import type { CompiledSelectors, WatchParams } from './params';

const encoder = new TextEncoder();

/** A consumer this far behind is dropped; it re-watches from its last revision. */
export const MAX_PENDING_BYTES = 16 * 1024 * 1024;

/** Renders an event for watchers that asked for Tables (kubectl get -w). */
export type EventPrinter = (type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: KObject) => unknown;

export class Watcher {
  /** Revision of the last change delivered (or skipped) for this watcher. */
  pos = 0;
  printer?: EventPrinter;
  live = false;
  closed = false;
  lastWrite = Date.now();
  pendingBytes = 0;
  readonly deadline: number;

  constructor(
    readonly params: WatchParams,
    readonly selectors: CompiledSelectors,
    private readonly writer: WritableStreamDefaultWriter<Uint8Array>,
    private readonly onGone: (w: Watcher) => void,
  ) {
    this.deadline = Date.now() + params.timeoutSeconds * 1000;
    writer.closed.catch(() => this.gone());
  }

  /** Sends one event: the prepared NDJSON line, or the object re-rendered for a Table watcher. */
  event(type: 'ADDED' | 'MODIFIED' | 'DELETED', json: string, line: () => Uint8Array) {
    if (!this.printer) return this.write(line());
    this.write(encoder.encode(`${JSON.stringify(this.printer(type, JSON.parse(json) as KObject))}\n`));
  }

  /** Queues bytes without waiting; a failed write means the client went away. */
  write(bytes: Uint8Array) {
    if (this.closed) return;
    if (this.pendingBytes > MAX_PENDING_BYTES) {
      this.abort('slow consumer');
      return;
    }
    this.pendingBytes += bytes.byteLength;
    this.lastWrite = Date.now();
    this.writer.write(bytes).then(
      () => (this.pendingBytes -= bytes.byteLength),
      () => this.gone(),
    );
  }

  /** Ends the stream normally (timeout, or after a terminal ERROR event). */
  close() {
    if (this.closed) return;
    this.closed = true;
    this.writer.close().catch(() => undefined);
    this.onGone(this);
  }

  abort(reason: string) {
    if (this.closed) return;
    this.closed = true;
    this.writer.abort(reason).catch(() => undefined);
    this.onGone(this);
  }

  private gone() {
    if (this.closed) return;
    this.closed = true;
    this.onGone(this);
  }
}
