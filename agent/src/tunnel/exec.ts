// Serves pods/exec and pods/attach over the channel protocol: the client's messages feed stdin and
// resize; stdout/stderr go back on channels 1 and 2; the exit code ends the session as a Status on
// channel 3 (kubectl turns NonZeroExitCode into its own exit status).
import type { Readable } from 'node:stream';
import { MAX_DATA } from '../../../workers/api/src/tunnel/frame';
import { Channel, channelMessage, decodeClientMessage, errorStatus, exitStatus } from './channel';
import { type ServeContext, errorMessage } from './serve-context';

/** Output is cut into messages that fit one tunnel frame with their channel byte. */
const CHUNK = MAX_DATA - 1;
/**
 * client-go's WebSocket executor starts reading before it has registered its streams, and drops a message
 * for a stream it does not know yet ("Unknown stream id 2, discarding message"): a command that writes at
 * once (or fails at once) could lose its first output. Upstream's path (apiserver → kubelet over SPDY)
 * never answers that fast; the session's first message waits this long after the upgrade.
 */
export const FIRST_MESSAGE_DELAY_MS = 50;
const settle = () => new Promise((r) => setTimeout(r, FIRST_MESSAGE_DELAY_MS));

export async function serveExec({ open, stream, runtime, locator }: ServeContext): Promise<void> {
  const req = open.exec ?? { command: [], stdin: false, stdout: true, stderr: true, tty: false };
  const located = locator.containerId(open.namespace, open.pod, open.container, false);
  if (!located.ok) return stream.fail({ code: located.code, message: located.message });
  if (open.probe) return stream.accept();
  const v5 = open.protocol === 'v5.channel.k8s.io';
  const statusMessage = (s: Record<string, unknown>) => channelMessage(Channel.error, new TextEncoder().encode(JSON.stringify(s)));
  let session;
  try {
    session =
      open.kind === 'attach'
        ? await runtime.attach(located.value, { stdin: req.stdin, stdout: req.stdout, stderr: req.stderr, tty: req.tty })
        : await runtime.exec(located.value, { cmd: req.command, tty: req.tty, stdin: req.stdin, stdout: req.stdout, stderr: req.stderr });
  } catch (err) {
    // The upgrade already succeeded for the client: the failure travels as the session's Status.
    stream.accept();
    await settle();
    await stream.send(statusMessage(errorStatus(errorMessage(err)))).catch(() => undefined);
    return stream.end();
  }
  stream.onClose = () => session.close();
  stream.onData = (msg) => {
    const m = decodeClientMessage(msg, v5);
    if (m.kind === 'stdin') session.stdin?.write(Buffer.from(m.data));
    else if (m.kind === 'resize') void session.resize(m.width, m.height).catch(() => undefined);
    else if (m.kind === 'close' && m.channel === Channel.stdin) session.stdin?.end();
  };
  stream.accept();
  await settle();
  const copy = async (from: Readable, channel: number) => {
    for await (const chunk of from) {
      const bytes: Uint8Array = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      for (let at = 0; at < bytes.byteLength; at += CHUNK) await stream.send(channelMessage(channel, bytes.subarray(at, at + CHUNK)));
    }
  };
  try {
    await Promise.all([copy(session.stdout, Channel.stdout), copy(session.stderr, Channel.stderr)]);
    const code = await session.exitCode;
    await stream.send(statusMessage(exitStatus(code, req.command)));
    stream.end();
  } catch (err) {
    if (!stream.closed) {
      await stream.send(statusMessage(errorStatus(errorMessage(err)))).catch(() => undefined);
      stream.end();
    }
  } finally {
    session.close();
  }
}
