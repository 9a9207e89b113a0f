// tcpSocket: success when a TCP connection opens within the timeout; the connection is closed at once.
import { connect } from 'node:net';
import { dialError, joinHostPort } from './errors';
import type { ProbeResult } from './types';

export function tcpProbe(host: string, port: number, timeoutMs: number): Promise<ProbeResult> {
  const addr = joinHostPort(host, port);
  return new Promise((resolve) => {
    const sock = connect({ host, port });
    const timer = setTimeout(() => {
      sock.destroy();
      resolve({ result: 'failure', message: `dial tcp ${addr}: i/o timeout` });
    }, timeoutMs);
    sock.once('connect', () => {
      clearTimeout(timer);
      sock.destroy();
      resolve({ result: 'success' });
    });
    sock.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ result: 'failure', message: dialError(err, addr) });
    });
  });
}
