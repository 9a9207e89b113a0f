// Serves pods/log: the container's output from the runtime, stdout and stderr interleaved as they come,
// cut at limitBytes, and kept open for `follow` until the container ends or the client goes away.
import type { Readable } from 'node:stream';
import { type ServeContext, errorMessage } from './serve-context';

export async function serveLogs({ open, stream, runtime, locator }: ServeContext): Promise<void> {
  const opts = open.logs ?? { follow: false, timestamps: false, previous: false };
  const located = locator.containerId(open.namespace, open.pod, open.container, opts.previous);
  if (!located.ok) return stream.fail({ code: located.code, message: located.message });
  const abort = new AbortController();
  let logs;
  try {
    logs = await runtime.logs(located.value, {
      follow: opts.follow,
      tailLines: opts.tailLines,
      sinceSeconds: opts.sinceUnix,
      timestamps: opts.timestamps,
      signal: abort.signal,
    });
  } catch (err) {
    return stream.fail({ code: 500, message: errorMessage(err) });
  }
  stream.onClose = () => {
    abort.abort();
    logs.close();
  };
  stream.accept();
  let left = opts.limitBytes ?? Infinity;
  const copy = async (from: Readable) => {
    for await (const chunk of from) {
      if (stream.closed || left <= 0) break;
      const bytes: Uint8Array = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      const part = bytes.byteLength > left ? bytes.subarray(0, left) : bytes;
      left -= part.byteLength;
      await stream.write(part);
    }
  };
  try {
    await Promise.all([copy(logs.stdout), copy(logs.stderr)]);
  } catch {
    // The stream closed under us (client gone): nothing left to send.
  } finally {
    logs.close();
  }
  stream.end();
}
