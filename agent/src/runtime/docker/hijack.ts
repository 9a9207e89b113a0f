// A hijacked Docker API connection (101 Upgrade: tcp): after the response head the socket carries stdin
// up and the output stream down. Used for attach, where dockerode sends its options as a JSON body that
// podman hands to the process as stdin.
import { request } from 'node:http';
import type { Duplex } from 'node:stream';

export function hijack(socketPath: string, path: string): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const req = request({
      socketPath,
      method: 'POST',
      path,
      headers: { Connection: 'Upgrade', Upgrade: 'tcp', 'Content-Length': '0' },
    });
    req.on('upgrade', (_res, socket, head) => {
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    req.on('response', (res) => {
      // No upgrade: an error (404 no such container, 409 not running) with a JSON body.
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        let message = body;
        try {
          message = (JSON.parse(body) as { message?: string }).message ?? body;
        } catch {
          // plain text body
        }
        reject(Object.assign(new Error(`(HTTP code ${res.statusCode}) ${message}`), { statusCode: res.statusCode }));
      });
    });
    req.on('error', reject);
    req.end();
  });
}
