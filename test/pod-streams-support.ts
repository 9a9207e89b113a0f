// Test doubles for the stream relay: a tiny runtime (fixed log lines, a few fake commands) and a
// locator that knows one pod's container and sends port-forwards to 127.0.0.1.
import { PassThrough, Readable } from 'node:stream';
import type { ContainerRuntime, ExecOptions, ExecSession, LogOptions, LogStream } from '../agent/src/runtime/types';
import type { PodLocator } from '../agent/src/tunnel/types';

const TS = '2026-11-26T10:00:00.000000000Z';

export class StubRuntime {
  /** Lines of the current container, and of the previous (terminated) one for --previous. */
  readonly lines: Record<string, string[]> = { 'c-main': ['line-1', 'line-2', 'line-3'], 'c-main-prev': ['previous-1'] };
  readonly resizes: { cols: number; rows: number }[] = [];
  private followers = new Set<{ id: string; out: PassThrough; timestamps: boolean }>();

  /** Adds a line to a container's log, delivering it to `follow` readers. */
  append(id: string, line: string) {
    this.lines[id].push(line);
    for (const f of this.followers) if (f.id === id) f.out.write(`${f.timestamps ? `${TS} ` : ''}${line}\n`);
  }

  async logs(id: string, opts: LogOptions): Promise<LogStream> {
    const all = this.lines[id] ?? [];
    const picked = opts.tailLines !== undefined ? all.slice(Math.max(0, all.length - opts.tailLines)) : all;
    const text = picked.map((l) => `${opts.timestamps ? `${TS} ` : ''}${l}\n`).join('');
    const stdout = new PassThrough();
    const stderr = Readable.from([]);
    stdout.write(text);
    const follower = { id, out: stdout, timestamps: !!opts.timestamps };
    if (opts.follow) this.followers.add(follower);
    else stdout.end();
    const close = () => {
      this.followers.delete(follower);
      stdout.end();
    };
    opts.signal?.addEventListener('abort', close);
    return { stdout, stderr, done: new Promise((r) => stdout.on('close', () => r())), close };
  }

  async exec(_id: string, opts: ExecOptions): Promise<ExecSession> {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let exit!: (n: number) => void;
    const exitCode = new Promise<number>((r) => (exit = r));
    const finish = (code: number) => {
      stdout.end();
      stderr.end();
      exit(code);
    };
    const [cmd, ...args] = opts.cmd;
    if (cmd === 'echo') {
      stdout.write(`${args.join(' ')}\n`);
      finish(0);
    } else if (cmd === 'fail') {
      stderr.write('failing as asked\n');
      finish(Number(args[0] ?? 1));
    } else if (cmd === 'bytes') {
      // A large stdout for throughput: written with backpressure in 64 KiB pieces.
      const total = Number(args[0]);
      const piece = Buffer.alloc(64 * 1024, 0x78);
      void (async () => {
        for (let sent = 0; sent < total; sent += piece.length) {
          const part = piece.subarray(0, Math.min(piece.length, total - sent));
          if (!stdout.write(part)) await new Promise((r) => stdout.once('drain', r));
        }
        finish(0);
      })();
    } else if (cmd === 'cat' || cmd === undefined) {
      stdin.on('data', (c) => stdout.write(c));
      stdin.on('end', () => finish(0));
    } else {
      throw new Error(`exec: "${cmd}": executable file not found in $PATH`);
    }
    return {
      stdin: opts.stdin ? stdin : undefined,
      stdout,
      stderr,
      exitCode,
      resize: async (cols, rows) => void this.resizes.push({ cols, rows }),
      close: () => finish(137),
    };
  }

  attach(id: string, opts: { stdin: boolean; stdout: boolean; stderr: boolean; tty: boolean }): Promise<ExecSession> {
    return this.exec(id, { cmd: ['cat'], ...opts });
  }

  asRuntime(): ContainerRuntime {
    const unsupported = () => {
      throw new Error('not used by the stream relay');
    };
    return new Proxy(this, {
      get: (target, key) => (key in target ? (target as never)[key] : unsupported),
    }) as unknown as ContainerRuntime;
  }
}

/** Knows pod `pod` (container main, with a previous instance) in `namespace`. */
export function stubLocator(namespace: string, pod: string): PodLocator {
  return {
    containerId(ns, name, container, previous) {
      if (ns !== namespace || name !== pod) return { ok: false, code: 404, message: `pod "${name}" not found on this node` };
      if (container !== undefined && container !== 'main') return { ok: false, code: 400, message: `container "${container}" in pod "${name}" is waiting to start: ContainerCreating` };
      return { ok: true, value: previous ? 'c-main-prev' : 'c-main' };
    },
    podAddress(ns, name) {
      if (ns !== namespace || name !== pod) return { ok: false, code: 404, message: `pod "${name}" not found on this node` };
      return { ok: true, value: '127.0.0.1' };
    },
  };
}
