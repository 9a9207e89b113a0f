// Network errors worded the way Go's net package words them, since users read these in Events and
// compare them with what a Kubernetes cluster shows ("dial tcp 10.1.0.5:8080: connect: connection refused").

/** host:port with IPv6 hosts bracketed, as Go's net.JoinHostPort. */
export const joinHostPort = (host: string, port: number) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

const CONNECT_TEXT: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network is unreachable',
  EADDRNOTAVAIL: 'cannot assign requested address',
};

/** The dial error for a failed TCP connect. */
export function dialError(err: NodeJS.ErrnoException, addr: string): string {
  const code = err.code ?? '';
  if (CONNECT_TEXT[code]) return `dial tcp ${addr}: connect: ${CONNECT_TEXT[code]}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `dial tcp: lookup ${addr.replace(/:\d+$/, '')}: no such host`;
  if (code === 'ECONNRESET') return `read tcp ${addr}: read: connection reset by peer`;
  return `dial tcp ${addr}: ${err.message}`;
}

