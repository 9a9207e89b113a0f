import { describe, expect, it } from 'vitest';
import { BEARER_PROTOCOL_PREFIX, websocketBearerToken } from './websocket-token';

const enc = (t: string) => Buffer.from(t).toString('base64url');
const upgrade = (protocols: string) => new Headers({ Upgrade: 'websocket', 'Sec-WebSocket-Protocol': protocols });

describe('bearer token in a WebSocket subprotocol', () => {
  it('reads the token from a WebSocket upgrade next to the channel protocols', () => {
    expect(websocketBearerToken(upgrade(`v5.channel.k8s.io, ${BEARER_PROTOCOL_PREFIX}${enc('abc.def-ghi')}, v4.channel.k8s.io`))).toBe('abc.def-ghi');
  });

  it('ignores it on plain requests, and when absent or malformed', () => {
    expect(websocketBearerToken(new Headers({ 'Sec-WebSocket-Protocol': `${BEARER_PROTOCOL_PREFIX}${enc('x')}` }))).toBeUndefined();
    expect(websocketBearerToken(upgrade('v5.channel.k8s.io'))).toBeUndefined();
    expect(websocketBearerToken(upgrade(`${BEARER_PROTOCOL_PREFIX}not+base64url`))).toBeUndefined();
    expect(websocketBearerToken(upgrade(`${BEARER_PROTOCOL_PREFIX}${enc('has space')}`))).toBeUndefined();
    expect(websocketBearerToken(upgrade(BEARER_PROTOCOL_PREFIX))).toBeUndefined();
  });
});
