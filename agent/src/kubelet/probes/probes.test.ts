import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensurePki } from '../../../../local/pki';
import { runProbe, type Probe } from './index';
import { stubExecRuntime } from './stub-runtime';

const listen = (s: { listen(port: number, host: string, cb: () => void): unknown; address(): unknown }) =>
  new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as AddressInfo).port)));
const close = (s: { close(cb: () => void): unknown } | undefined) => new Promise<void>((r) => (s ? s.close(() => r()) : r()));

let seen: IncomingHttpHeaders = {};
function handler(port: () => number) {
  return (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    seen = req.headers;
    const go = (status: number, location?: string) => res.writeHead(status, location ? { Location: location } : {}).end('body');
    switch (req.url) {
      case '/ok':
        return go(200);
      case '/fail':
        return go(500);
      case '/redirect':
        return go(302, '/ok');
      case '/redirect-fail':
        return go(302, '/fail');
      case '/loop':
        return go(302, '/loop');
      case '/elsewhere':
        return go(302, `http://localhost:${port()}/fail`);
      case '/slow':
        return; // never answers
      default:
        return go(404);
    }
  };
}

let http: Server;
let https: Server;
let httpPort: number;
let httpsPort: number;
let closedPort: number;
const target = (extra = {}) => ({ podIP: '127.0.0.1', hostIP: '127.0.0.1', containerId: 'c1', runtime: stubExecRuntime(() => ({})), ...extra });
const probe = (p: Partial<Probe>): Probe => p as Probe;

beforeAll(async () => {
  http = createHttpServer(handler(() => httpPort));
  httpPort = await listen(http);
  const dir = mkdtempSync(join(tmpdir(), 'pki-'));
  const pki = ensurePki(dir, ['127.0.0.1']);
  rmSync(dir, { recursive: true, force: true });
  https = createHttpsServer({ cert: pki.serverCert, key: pki.serverKey }, handler(() => httpsPort));
  httpsPort = await listen(https);
  const tmp = createTcpServer();
  closedPort = await listen(tmp);
  await close(tmp);
}, 60_000);
afterAll(async () => {
  http.closeAllConnections();
  https.closeAllConnections();
  await Promise.all([close(http), close(https)]);
});

describe('httpGet probe', () => {
  it.each([
    ['/ok', 'success', undefined],
    ['/fail', 'failure', 'HTTP probe failed with statuscode: 500'],
    ['/missing', 'failure', 'HTTP probe failed with statuscode: 404'],
    ['/redirect', 'success', undefined],
    ['/redirect-fail', 'failure', 'HTTP probe failed with statuscode: 500'],
    ['/elsewhere', 'success', 'Probe terminated redirects, Response body: body'],
  ])('GET %s → %s', async (path, result, message) => {
    expect(await runProbe(probe({ httpGet: { port: httpPort, path } }), target())).toEqual(message ? { result, message } : { result });
  });

  it('stops after 10 redirects', async () => {
    const r = await runProbe(probe({ httpGet: { port: httpPort, path: '/loop' } }), target());
    expect(r).toEqual({ result: 'failure', message: `Get "http://127.0.0.1:${httpPort}/loop": stopped after 10 redirects` });
  });

  it('sends kube-probe headers, custom headers overriding them', async () => {
    await runProbe(probe({ httpGet: { port: httpPort, path: '/ok', httpHeaders: [{ name: 'X-Custom', value: 'v' }, { name: 'accept', value: 'text/plain' }] } }), target());
    expect(seen['user-agent']).toBe('kube-probe/1.32');
    expect(seen['x-custom']).toBe('v');
    expect(seen.accept).toBe('text/plain');
  });

  it('resolves a named port from the container spec', async () => {
    const container = { name: 'app', ports: [{ name: 'web', containerPort: httpPort }] };
    expect(await runProbe(probe({ httpGet: { port: 'web', path: '/ok' } }), target({ container }))).toEqual({ result: 'success' });
    expect(await runProbe(probe({ httpGet: { port: 'nope', path: '/ok' } }), target({ container }))).toEqual({ result: 'unknown', message: 'port nope not found' });
  });

  it('speaks HTTPS without checking the certificate', async () => {
    expect(await runProbe(probe({ httpGet: { port: httpsPort, path: '/ok', scheme: 'HTTPS' } }), target())).toEqual({ result: 'success' });
    expect(await runProbe(probe({ httpGet: { port: httpsPort, path: '/fail', scheme: 'HTTPS' } }), target())).toEqual({
      result: 'failure',
      message: 'HTTP probe failed with statuscode: 500',
    });
  });

  it('reports a refused connection as Go does', async () => {
    expect(await runProbe(probe({ httpGet: { port: closedPort, path: '/healthz' } }), target())).toEqual({
      result: 'failure',
      message: `Get "http://127.0.0.1:${closedPort}/healthz": dial tcp 127.0.0.1:${closedPort}: connect: connection refused`,
    });
  });

  it('honours timeoutSeconds', async () => {
    const r = await runProbe(probe({ httpGet: { port: httpPort, path: '/slow' }, timeoutSeconds: 1 }), target());
    expect(r).toEqual({
      result: 'failure',
      message: `Get "http://127.0.0.1:${httpPort}/slow": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
    });
  });
});

describe('tcpSocket probe', () => {
  it('succeeds when the port accepts and fails when refused', async () => {
    expect(await runProbe(probe({ tcpSocket: { port: httpPort } }), target())).toEqual({ result: 'success' });
    expect(await runProbe(probe({ tcpSocket: { port: closedPort, host: '127.0.0.1' } }), target({ podIP: '10.255.255.1' }))).toEqual({
      result: 'failure',
      message: `dial tcp 127.0.0.1:${closedPort}: connect: connection refused`,
    });
  });
});

describe('exec probe', () => {
  it('maps exit codes and returns the output', async () => {
    const runtime = stubExecRuntime((cmd) => (cmd[0] === 'ok' ? { stdout: 'fine' } : { stdout: 'out ', stderr: 'err', exitCode: 3 }));
    expect(await runProbe(probe({ exec: { command: ['ok'] } }), target({ runtime }))).toEqual({ result: 'success', message: 'fine' });
    expect(await runProbe(probe({ exec: { command: ['bad'] } }), target({ runtime }))).toEqual({ result: 'failure', message: 'out err' });
    expect(runtime.calls).toEqual([['ok'], ['bad']]);
  });

  it('fails a command that outlives timeoutSeconds and closes its session', async () => {
    vi.useFakeTimers();
    try {
      const runtime = stubExecRuntime(() => ({ hang: true }));
      const pending = runProbe(probe({ exec: { command: ['sleep', '99'] }, timeoutSeconds: 2 }), target({ runtime }));
      await vi.advanceTimersByTimeAsync(1999);
      expect(runtime.closed).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(await pending).toEqual({ result: 'failure', message: 'command "sleep 99" timed out' });
      expect(runtime.closed).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is unknown when the runtime cannot exec', async () => {
    const runtime = stubExecRuntime(() => new Error('container not running'));
    expect(await runProbe(probe({ exec: { command: ['x'] } }), target({ runtime }))).toEqual({ result: 'unknown', message: 'container not running' });
  });
});
