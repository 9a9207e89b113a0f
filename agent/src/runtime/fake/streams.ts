// In-memory log and exec streams for the fake runtime.
import { PassThrough, Readable } from 'node:stream';
import type { ExecSession, LogOptions, LogStream } from '../types';

export interface LogLine {
  stream: 'stdout' | 'stderr';
  line: string;
  /** Unix milliseconds. */
  time: number;
}

/** A finished (non-follow) log stream of the recorded lines that pass the options' filters. */
export function logStreamOf(lines: LogLine[], opts: LogOptions): LogStream {
  let picked = lines;
  if (opts.sinceSeconds !== undefined) picked = picked.filter((l) => l.time >= opts.sinceSeconds! * 1000);
  if (opts.tailLines !== undefined) picked = opts.tailLines === 0 ? [] : picked.slice(-opts.tailLines);
  const text = (s: 'stdout' | 'stderr') =>
    picked
      .filter((l) => l.stream === s)
      .map((l) => `${opts.timestamps ? `${new Date(l.time).toISOString()} ` : ''}${l.line}\n`)
      .join('');
  const stdout = Readable.from([Buffer.from(text('stdout'))]);
  const stderr = Readable.from([Buffer.from(text('stderr'))]);
  const ended = (r: Readable) => new Promise<void>((resolve) => (r.readableEnded ? resolve() : r.once('end', resolve).once('close', resolve)));
  return {
    stdout,
    stderr,
    done: Promise.all([ended(stdout), ended(stderr)]).then(() => undefined),
    close() {
      stdout.destroy();
      stderr.destroy();
    },
  };
}

/** What an exec handler returns: the whole output at once. */
export interface ExecResult {
  exitCode: number;
  stdout?: string;
  stderr?: string;
}

/** An exec session that has already run: output is buffered, stdin (when asked for) is drained. */
export function execSessionOf(result: ExecResult, withStdin: boolean): ExecSession {
  const stdout = Readable.from([Buffer.from(result.stdout ?? '')]);
  const stderr = Readable.from([Buffer.from(result.stderr ?? '')]);
  const stdin = withStdin ? new PassThrough() : undefined;
  stdin?.resume();
  return {
    stdin,
    stdout,
    stderr,
    resize: async () => undefined,
    exitCode: Promise.resolve(result.exitCode),
    close() {
      stdout.destroy();
      stderr.destroy();
      stdin?.destroy();
    },
  };
}

/** An unbounded queue read as an async iterable until `signal` aborts. */
export class EventQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private wake?: () => void;

  constructor(private readonly signal: AbortSignal) {
    signal.addEventListener('abort', () => this.wake?.(), { once: true });
  }

  push(item: T): void {
    this.items.push(item);
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    while (!this.signal.aborted) {
      const next = this.items.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}
