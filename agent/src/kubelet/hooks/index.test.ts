import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { stubExecRuntime } from '../probes/stub-runtime';
import { runHook, type LifecycleHandler } from './index';

let server: Server;
let port: number;
let closedPort: number;
const hits: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(req.url === '/boom' ? 500 : 200).end();
  });
  port = await new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)));
  const tmp = createNetServer();
  closedPort = await new Promise<number>((r) => tmp.listen(0, '127.0.0.1', () => r((tmp.address() as AddressInfo).port)));
  await new Promise((r) => tmp.close(r));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
afterEach(() => {
  vi.useRealTimers();
});

const h = (x: object) => x as LifecycleHandler;
const target = (runtime = stubExecRuntime(() => ({}))) => ({ podIP: '127.0.0.1', hostIP: '127.0.0.1', containerId: 'c1', runtime, container: { name: 'app', ports: [{ name: 'web', containerPort: port }] } });

describe('runHook exec', () => {
  it('succeeds on exit 0 and fails with the exit code and output otherwise', async () => {
    const runtime = stubExecRuntime((cmd) => (cmd[0] === 'true' ? {} : { stderr: 'nope', exitCode: 2 }));
    expect(await runHook(h({ exec: { command: ['true'] } }), target(runtime), 30)).toEqual({ ok: true });
    expect(await runHook(h({ exec: { command: ['sh', '-c', 'exit 2'] } }), target(runtime), 30)).toEqual({ ok: false, message: "command 'sh -c exit 2' exited with 2: nope" });
  });

  it('fails when the command outlives the timeout', async () => {
    vi.useFakeTimers();
    const runtime = stubExecRuntime(() => ({ hang: true }));
    const pending = runHook(h({ exec: { command: ['sleep', '100'] } }), target(runtime), 5);
    await vi.advanceTimersByTimeAsync(5000);
    expect(await pending).toEqual({ ok: false, message: "command 'sleep 100' timed out after 5s" });
    expect(runtime.closed).toBe(1);
  });

  it('fails when the runtime cannot exec', async () => {
    const runtime = stubExecRuntime(() => new Error('no such container'));
    expect(await runHook(h({ exec: { command: ['x'] } }), target(runtime), 5)).toEqual({ ok: false, message: 'no such container' });
  });
});

describe('runHook httpGet', () => {
  it('succeeds whatever the status code, resolving a named port', async () => {
    expect(await runHook(h({ httpGet: { port: 'web', path: '/boom' } }), target(), 5)).toEqual({ ok: true });
    expect(hits.at(-1)).toBe('/boom');
  });

  it('fails when the request fails', async () => {
    expect(await runHook(h({ httpGet: { port: closedPort, path: '/x' } }), target(), 5)).toEqual({
      ok: false,
      message: `Get "http://127.0.0.1:${closedPort}/x": dial tcp 127.0.0.1:${closedPort}: connect: connection refused`,
    });
  });
});

describe('runHook tcpSocket', () => {
  it('connects, or fails with the dial error', async () => {
    expect(await runHook(h({ tcpSocket: { port } }), target(), 5)).toEqual({ ok: true });
    expect(await runHook(h({ tcpSocket: { port: closedPort } }), target(), 5)).toEqual({ ok: false, message: `dial tcp 127.0.0.1:${closedPort}: connect: connection refused` });
  });
});

describe('runHook sleep', () => {
  it('sleeps the given seconds', async () => {
    vi.useFakeTimers();
    let done = false;
    const pending = runHook(h({ sleep: { seconds: 3 } }), target(), 30).then((r) => {
      done = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(2999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toEqual({ ok: true });
  });

  it('fails when the timeout is shorter than the sleep', async () => {
    vi.useFakeTimers();
    const pending = runHook(h({ sleep: { seconds: 60 } }), target(), 2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(await pending).toEqual({ ok: false, message: 'container terminated before sleep hook finished' });
  });

  it('ends early when aborted', async () => {
    vi.useFakeTimers();
    const ac = new AbortController();
    const pending = runHook(h({ sleep: { seconds: 60 } }), target(), 90, ac.signal);
    await vi.advanceTimersByTimeAsync(1000);
    ac.abort();
    expect(await pending).toEqual({ ok: false, message: 'container terminated before sleep hook finished' });
  });
});

it('fails a handler with no action', async () => {
  expect(await runHook(h({}), target(), 5)).toEqual({ ok: false, message: 'invalid handler: no action set' });
});
