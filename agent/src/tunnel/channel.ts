// The remote-command channel protocol (v4.channel.k8s.io, v5.channel.k8s.io): every WebSocket message
// starts with a channel byte. 0 stdin, 1 stdout, 2 stderr, 3 error (a Status, once, at the end),
// 4 resize ({"Width","Height"}), 255 close (v5 only: [255, channel] half-closes that channel).
export const Channel = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

export function channelMessage(channel: number, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.byteLength + 1);
  out[0] = channel;
  out.set(data, 1);
  return out;
}

export type ClientMessage =
  | { kind: 'stdin'; data: Uint8Array }
  | { kind: 'resize'; width: number; height: number }
  | { kind: 'close'; channel: number }
  | { kind: 'ignored' };

export function decodeClientMessage(msg: Uint8Array, v5: boolean): ClientMessage {
  if (msg.byteLength === 0) return { kind: 'ignored' };
  const payload = msg.subarray(1);
  switch (msg[0]) {
    case Channel.stdin:
      return { kind: 'stdin', data: payload };
    case Channel.resize:
      try {
        const size = JSON.parse(new TextDecoder().decode(payload)) as { Width?: unknown; Height?: unknown };
        if (typeof size.Width === 'number' && typeof size.Height === 'number') return { kind: 'resize', width: size.Width, height: size.Height };
      } catch {
        // A malformed resize is dropped, as upstream does.
      }
      return { kind: 'ignored' };
    case Channel.close:
      return v5 && payload.byteLength >= 1 ? { kind: 'close', channel: payload[0] } : { kind: 'ignored' };
    default:
      return { kind: 'ignored' };
  }
}

/** The Status ending a session: Success, or upstream's NonZeroExitCode failure kubectl turns into its exit code. */
export function exitStatus(exitCode: number, command: string[]): Record<string, unknown> {
  if (exitCode === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  };
}

/** A failure that is not an exit code (the runtime could not start the command). */
export function errorStatus(message: string): Record<string, unknown> {
  return { metadata: {}, status: 'Failure', message, reason: 'InternalError', code: 500 };
}
