import { describe, expect, it } from 'vitest';
import { clientAddress, forwardHeaders } from './headers';

describe('forwardHeaders', () => {
  it('drops hop-by-hop headers (also those Connection names) and adds X-Forwarded-*', () => {
    const out = forwardHeaders(
      { host: 'a.example', connection: 'keep-alive, x-secret', 'keep-alive': 'timeout=5', 'x-secret': '1', 'transfer-encoding': 'chunked', accept: 'text/plain' },
      { clientIP: '192.0.2.7', proto: 'https', port: 8443 },
    );
    expect(out).toEqual({
      host: 'a.example',
      accept: 'text/plain',
      'x-forwarded-for': '192.0.2.7',
      'x-forwarded-host': 'a.example',
      'x-forwarded-proto': 'https',
      'x-forwarded-port': '8443',
      'x-real-ip': '192.0.2.7',
    });
  });

  it('appends the client to an X-Forwarded-For it already carries', () => {
    expect(forwardHeaders({ 'x-forwarded-for': '198.51.100.1' }, { clientIP: '192.0.2.7', proto: 'http', port: 80 })['x-forwarded-for']).toBe('198.51.100.1, 192.0.2.7');
  });

  it('keeps Connection: Upgrade and Upgrade for a WebSocket handshake', () => {
    const out = forwardHeaders({ connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-key': 'k' }, { clientIP: '192.0.2.7', proto: 'http', port: 80, upgrade: true });
    expect(out).toMatchObject({ connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-key': 'k' });
  });

  it('unwraps IPv4-mapped addresses', () => {
    expect(clientAddress('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(clientAddress('10.1.2.3')).toBe('10.1.2.3');
  });
});
