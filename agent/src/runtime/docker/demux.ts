// The Docker API multiplexes stdout and stderr of a non-TTY stream into frames: an 8-byte header
// [stream, 0, 0, 0, size(uint32 BE)] then `size` bytes. 1 = stdout, 2 = stderr (0 = stdin, echoed as stdout).
import { PassThrough, type Readable } from 'node:stream';

export interface Demuxed {
  stdout: PassThrough;
  stderr: PassThrough;
  /** Resolves when the source ended (or failed) and both outputs were ended. */
  done: Promise<void>;
}

/** Ends both outputs once the source ends, closes or fails, whichever comes first. */
function endTogether(source: Readable, stdout: PassThrough, stderr: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      stdout.end();
      stderr.end();
      resolve();
    };
    source.once('end', finish);
    source.once('close', finish);
    source.once('error', finish);
  });
}

/**
 * Splits a multiplexed stream; frames may be cut anywhere across chunks. Writes ignore backpressure on
 * purpose: a caller that reads only stdout must not stall on a full, unread stderr.
 */
export function demux(source: Readable): Demuxed {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let pending: Buffer = Buffer.alloc(0);
  source.on('data', (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 8) {
      const size = pending.readUInt32BE(4);
      if (pending.length < 8 + size) break;
      const payload = pending.subarray(8, 8 + size);
      (pending[0] === 2 ? stderr : stdout).write(payload);
      pending = pending.subarray(8 + size);
    }
  });
  return { stdout, stderr, done: endTogether(source, stdout, stderr) };
}

/** A TTY stream is raw: everything is stdout; stderr ends empty. */
export function passRaw(source: Readable): Demuxed {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  source.on('data', (chunk: Buffer) => stdout.write(chunk));
  return { stdout, stderr, done: endTogether(source, stdout, stderr) };
}
