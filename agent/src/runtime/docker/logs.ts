// Container logs as separate stdout/stderr streams. Without follow dockerode returns the whole body as a
// Buffer; with follow, a live stream. Both are demultiplexed unless the container has a TTY.
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { LogOptions, LogStream } from '../types';
import { demux, passRaw } from './demux';

export async function containerLogs(docker: Docker, id: string, opts: LogOptions): Promise<LogStream> {
  const container = docker.getContainer(id);
  const info = await container.inspect();
  const follow = opts.follow ?? false;
  const query = {
    follow,
    stdout: true,
    stderr: true,
    timestamps: opts.timestamps ?? false,
    ...(opts.tailLines !== undefined ? { tail: opts.tailLines } : {}),
    ...(opts.sinceSeconds !== undefined ? { since: opts.sinceSeconds } : {}),
    ...(opts.signal ? { abortSignal: opts.signal } : {}),
  };
  const body: Readable | Buffer = follow
    ? ((await container.logs({ ...query, follow: true })) as unknown as Readable)
    : await container.logs({ ...query, follow: false });
  const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
  const out = info.Config.Tty ? passRaw(source) : demux(source);
  const close = () => source.destroy();
  opts.signal?.addEventListener('abort', close, { once: true });
  return { stdout: out.stdout, stderr: out.stderr, done: out.done, close };
}
