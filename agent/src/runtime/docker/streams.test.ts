// Logs, exec and attach through the hijacked/multiplexed Docker streams (real podman).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually } from '../../../../test/eventually';
import { startPodmanFixture, text, type PodmanFixture } from './testing';

// Real containers on a shared 2-core machine: allow for load (no test asserts on time).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

let f: PodmanFixture;
let sandboxId: string;
let sleeper: string;
beforeAll(async () => {
  f = await startPodmanFixture();
  sandboxId = (await f.runtime.runSandbox(f.sandbox())).id;
  sleeper = await f.runtime.createContainer(f.container(sandboxId, { name: 'sleeper', command: ['sleep', '3600'] }));
  await f.runtime.startContainer(sleeper);
}, 120_000);
afterAll(async () => {
  await f?.cleanup();
}, 120_000);

async function runToExit(name: string, script: string): Promise<string> {
  const id = await f.runtime.createContainer(f.container(sandboxId, { name, command: ['sh', '-c', script] }));
  await f.runtime.startContainer(id);
  await eventually(async () => ((await f.runtime.containerStatus(id))?.state === 'exited' ? true : undefined), 30_000, `${name} to exit`);
  return id;
}

async function both(s: { stdout: NodeJS.ReadableStream; stderr: NodeJS.ReadableStream }) {
  const [out, err] = await Promise.all([text(s.stdout as never), text(s.stderr as never)]);
  return { out, err };
}

describe('logs', () => {
  let id: string;
  beforeAll(async () => {
    id = await runToExit('talker', 'echo out1; echo err1 >&2; echo out2; echo err2 >&2; echo out3');
  }, 60_000);

  it('separates stdout from stderr', async () => {
    expect(await both(await f.runtime.logs(id, {}))).toEqual({ out: 'out1\nout2\nout3\n', err: 'err1\nerr2\n' });
  });

  it('returns only the last lines with tailLines', async () => {
    // The engine counts lines across both streams in its log file's order, so use one stream here.
    const counter = await runToExit('counter', 'for i in 1 2 3 4 5; do echo line$i; done');
    expect(await both(await f.runtime.logs(counter, { tailLines: 2 }))).toEqual({ out: 'line4\nline5\n', err: '' });
    expect(await both(await f.runtime.logs(counter, { tailLines: 0 }))).toEqual({ out: '', err: '' });
  });

  it('prefixes RFC 3339 timestamps', async () => {
    const { out } = await both(await f.runtime.logs(id, { timestamps: true }));
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d) out\d$/);
  });

  it('returns nothing for a sinceSeconds after the last line', async () => {
    const later = Math.floor(Date.now() / 1000) + 3600;
    expect(await both(await f.runtime.logs(id, { sinceSeconds: later }))).toEqual({ out: '', err: '' });
  });

  it('follows a running container until it exits', async () => {
    const running = await f.runtime.createContainer(
      f.container(sandboxId, { name: 'ticker', command: ['sh', '-c', 'for i in 1 2 3; do echo tick$i; sleep 0.2; done'] }),
    );
    await f.runtime.startContainer(running);
    const logs = await f.runtime.logs(running, { follow: true });
    const { out } = await both(logs);
    await logs.done;
    expect(out).toBe('tick1\ntick2\ntick3\n');
  });
});

describe('exec', () => {
  it('feeds stdin and sees EOF when stdin ends', async () => {
    const s = await f.runtime.exec(sleeper, { cmd: ['cat'], tty: false, stdin: true, stdout: true, stderr: true });
    s.stdin!.write('hello\n');
    s.stdin!.end('world\n');
    expect(await both(s)).toEqual({ out: 'hello\nworld\n', err: '' });
    expect(await s.exitCode).toBe(0);
  });

  it('reports a non-zero exit code and separate stderr', async () => {
    const s = await f.runtime.exec(sleeper, {
      cmd: ['sh', '-c', 'echo to-out; echo to-err >&2; exit 3'],
      tty: false,
      stdin: false,
      stdout: true,
      stderr: true,
    });
    expect(await both(s)).toEqual({ out: 'to-out\n', err: 'to-err\n' });
    expect(await s.exitCode).toBe(3);
  });

  it('runs with a tty that can be resized', async () => {
    const s = await f.runtime.exec(sleeper, { cmd: ['sh'], tty: true, stdin: true, stdout: true, stderr: true });
    await s.resize(100, 40);
    s.stdin!.write('stty size; exit 5\n');
    const { out, err } = await both(s);
    expect(out).toContain('40 100');
    expect(err).toBe('');
    expect(await s.exitCode).toBe(5);
  });
});

describe('attach', () => {
  it('writes to the main process stdin and reads its output and exit code', async () => {
    const id = await f.runtime.createContainer(
      f.container(sandboxId, {
        name: 'reader',
        stdin: true,
        stdinOnce: true,
        command: ['sh', '-c', 'read line; echo got:$line; echo bye >&2; exit 4'],
      }),
    );
    await f.runtime.startContainer(id);
    const s = await f.runtime.attach(id, { stdin: true, stdout: true, stderr: true, tty: false });
    s.stdin!.end('abc\n');
    expect(await both(s)).toEqual({ out: 'got:abc\n', err: 'bye\n' });
    expect(await s.exitCode).toBe(4);
  });
});
