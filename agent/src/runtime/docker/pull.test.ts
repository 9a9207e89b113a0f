// pullImage's wire format, against a stub engine on a unix socket: credentials travel in X-Registry-Auth,
// and an error inside a 200 progress stream still fails the pull.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerRuntime } from './runtime';

const dir = mkdtempSync(join(tmpdir(), 'kf-pull-'));
const socketPath = join(dir, 'engine.sock');
const seen: IncomingMessage[] = [];
let server: Server;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    const url = new URL(req.url ?? '/', 'http://engine');
    if (req.method === 'POST' && url.pathname.endsWith('/images/create')) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(JSON.stringify({ status: `Trying to pull ${url.searchParams.get('fromImage')}` }) + '\n');
      res.end(JSON.stringify({ error: 'unauthorized: bad credentials', errorDetail: { message: 'unauthorized: bad credentials' } }) + '\n');
      return;
    }
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ message: 'no such image' }));
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('pullImage', () => {
  it('sends the credentials as X-Registry-Auth and fails on an error line in the progress stream', async () => {
    const rt = new DockerRuntime({ socketPath });
    const auth = { username: 'alice', password: 's3cret', serveraddress: 'registry.example:5000' };
    await expect(rt.pullImage('registry.example:5000/team/app:1.2', auth)).rejects.toThrow(
      'pull of image registry.example:5000/team/app:1.2 failed: unauthorized: bad credentials',
    );
    const pull = seen.find((r) => r.method === 'POST');
    const header = pull?.headers['x-registry-auth'];
    expect(typeof header).toBe('string');
    const decoded = JSON.parse(Buffer.from(String(header).replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString());
    expect(decoded).toEqual(auth);
    const url = new URL(pull!.url!, 'http://engine');
    expect(url.searchParams.get('fromImage')).toBe('registry.example:5000/team/app');
    expect(url.searchParams.get('tag')).toBe('1.2');
  });
});
