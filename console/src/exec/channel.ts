// The Kubernetes exec WebSocket protocol (v5.channel.k8s.io, v4.channel.k8s.io), as kubectl speaks it:
// every binary message starts with a channel byte: 0 stdin, 1 stdout, 2 stderr, 3 the final Status
// (JSON), 4 terminal resize ({"Width","Height"}); v5 adds 255 = "close this channel" (stdin EOF).
export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
export const BEARER_PREFIX = 'base64url.bearer.authorization.k8s.io.';

export enum Channel {
  Stdin = 0,
  Stdout = 1,
  Stderr = 2,
  Error = 3,
  Resize = 4,
  Close = 255,
}

/** The subprotocols to offer: the channel protocols plus the token (a browser cannot set headers). */
export function execProtocols(token: string): string[] {
  return [...EXEC_PROTOCOLS, `${BEARER_PREFIX}${base64Url(token)}`];
}

export function base64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The exec URL (wss, same origin) for a command; the token is never part of it. */
export function execUrl(origin: string, ns: string, pod: string, o: { container?: string; command: string[]; tty: boolean }): string {
  const q = new URLSearchParams();
  if (o.container) q.set('container', o.container);
  for (const c of o.command) q.append('command', c);
  q.set('stdin', 'true');
  q.set('stdout', 'true');
  // With a TTY stderr is merged into stdout (upstream refuses both).
  q.set('stderr', o.tty ? 'false' : 'true');
  q.set('tty', String(o.tty));
  const ws = origin.replace(/^http/, 'ws');
  return `${ws}/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(pod)}/exec?${q}`;
}

export function frame(channel: Channel, data: string | Uint8Array): Uint8Array {
  const body = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const out = new Uint8Array(body.length + 1);
  out[0] = channel;
  out.set(body, 1);
  return out;
}

export function resizeFrame(cols: number, rows: number): Uint8Array {
  return frame(Channel.Resize, JSON.stringify({ Width: cols, Height: rows }));
}

export type ExecMessage =
  | { type: 'output'; stream: 'stdout' | 'stderr'; data: Uint8Array }
  | { type: 'exit'; code: number; message?: string }
  | { type: 'ignored' };

/** One message from the server: output, or the final Status turned into an exit code. */
export function parseMessage(data: Uint8Array): ExecMessage {
  if (data.length === 0) return { type: 'ignored' };
  const body = data.subarray(1);
  switch (data[0]) {
    case Channel.Stdout:
      return { type: 'output', stream: 'stdout', data: body };
    case Channel.Stderr:
      return { type: 'output', stream: 'stderr', data: body };
    case Channel.Error:
      return exitOf(new TextDecoder().decode(body));
    default:
      return { type: 'ignored' };
  }
}

/** The exit code in an exec Status: 0 on Success, else the ExitCode cause (kubectl's convention), else 1. */
export function exitOf(statusJson: string): ExecMessage {
  try {
    const s = JSON.parse(statusJson);
    if (s.status === 'Success') return { type: 'exit', code: 0 };
    const cause = (s.details?.causes ?? []).find((c: { reason?: string }) => c.reason === 'ExitCode');
    const code = cause ? Number(cause.message) : NaN;
    return { type: 'exit', code: Number.isInteger(code) ? code : 1, message: s.message };
  } catch {
    return { type: 'exit', code: 1, message: statusJson };
  }
}
