// A browser cannot set an Authorization header on a WebSocket, so, as upstream's websocket protocol
// authenticator (k8s.io/apiserver/pkg/authentication/request/websocket), a WebSocket upgrade may carry
// its bearer token as a subprotocol `base64url.bearer.authorization.k8s.io.<base64url(token)>`. It is
// read only from an upgrade request, never from a URL, and the server never echoes it back.
export const BEARER_PROTOCOL_PREFIX = 'base64url.bearer.authorization.k8s.io.';

/** The token carried in a WebSocket upgrade's subprotocols; undefined when none or malformed. */
export function websocketBearerToken(headers: Headers): string | undefined {
  if (headers.get('upgrade')?.toLowerCase() !== 'websocket') return undefined;
  const offered = (headers.get('sec-websocket-protocol') ?? '').split(',').map((p) => p.trim());
  const encoded = offered.find((p) => p.startsWith(BEARER_PROTOCOL_PREFIX))?.slice(BEARER_PROTOCOL_PREFIX.length);
  if (!encoded || !/^[A-Za-z0-9_-]+$/.test(encoded)) return undefined;
  try {
    const token = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(base64UrlBytes(encoded));
    return token && /^\S+$/.test(token) ? token : undefined;
  } catch {
    return undefined;
  }
}

function base64UrlBytes(s: string): Uint8Array {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  const bin = atob(b64);
  return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
}
