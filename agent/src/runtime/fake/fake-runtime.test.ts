import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LABELS, type ContainerSpec, type RuntimeEvent } from '../types';
import { FakeRuntime, exit, failStart, oom, run, scripted } from './index';

const text = async (r: NodeJS.ReadableStream) => {
  let s = '';
  for await (const chunk of r) s += chunk.toString();
  return s;
};

async function sandboxAndSpec(rt: FakeRuntime, name: string, attempt = 0): Promise<ContainerSpec> {
  const sb = await rt.runSandbox({ podUid: 'u1', podName: 'p', podNamespace: 'ns', hostname: 'p', hostNetwork: false, portMappings: [], labels: { [LABELS.podUid]: 'u1' } });
  return { sandboxId: sb.id, name, image: 'busybox', env: [], mounts: [], labels: { [LABELS.podUid]: 'u1', [LABELS.container]: name, [LABELS.attempt]: String(attempt) } };
}

describe('FakeRuntime', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('pulls only what the pull function allows and records the calls', async () => {
    const rt = new FakeRuntime({ pull: (ref) => (ref === 'good' ? true : 'not found') });
    expect(await rt.inspectImage('good')).toBeNull();
    await expect(rt.pullImage('bad')).rejects.toThrow('not found');
    const info = await rt.pullImage('good', { username: 'u' });
    expect(info.repoTags).toEqual(['good:latest']);
    expect((await rt.inspectImage('good:latest'))?.id).toBe(info.id);
    expect(rt.callsTo('pullImage').map((c) => c.args[0])).toEqual(['bad', 'good']);
    expect(rt.callsTo('pullImage')[1].args[1]).toEqual({ username: 'u' });
  });

  it('gives sandboxes addresses from a counter and none on the host network', async () => {
    const rt = new FakeRuntime();
    const base = { podUid: 'u', podName: 'p', podNamespace: 'ns', hostname: 'p', portMappings: [], labels: {} };
    const a = await rt.runSandbox({ ...base, hostNetwork: false });
    const b = await rt.runSandbox({ ...base, hostNetwork: false });
    const h = await rt.runSandbox({ ...base, hostNetwork: true });
    expect([a.ips, b.ips, h.ips]).toEqual([['10.88.0.2'], ['10.88.0.3'], []]);
    rt.killSandbox(a.id);
    expect((await rt.sandboxStatus(a.id))?.state).toBe('notready');
    expect((await rt.listSandboxes({ [LABELS.containerKind]: 'sandbox' })).length).toBe(3);
  });

  it('runs a container that exits after a delay, driven by timers, and emits start and die', async () => {
    const rt = new FakeRuntime({ images: ['busybox'], behaviour: scripted({ app: [exit(3, 5000)] }) });
    const ac = new AbortController();
    const seen: RuntimeEvent[] = [];
    const reading = (async () => {
      for await (const ev of rt.events(ac.signal)) seen.push(ev);
    })();
    const id = await rt.createContainer(await sandboxAndSpec(rt, 'app'));
    expect((await rt.containerStatus(id))?.state).toBe('created');
    await rt.startContainer(id);
    expect((await rt.containerStatus(id))?.state).toBe('running');
    await vi.advanceTimersByTimeAsync(4999);
    expect((await rt.containerStatus(id))?.state).toBe('running');
    await vi.advanceTimersByTimeAsync(1);
    const st = await rt.containerStatus(id);
    expect(st).toMatchObject({ state: 'exited', exitCode: 3, startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:05.000Z' });
    ac.abort();
    await reading;
    expect(seen.map((e) => [e.type, e.exitCode])).toEqual([
      ['start', undefined],
      ['die', 3],
    ]);
    expect(seen[0].labels[LABELS.podUid]).toBe('u1');
  });

  it('picks behaviour per attempt: OOM, a failed start, then running', async () => {
    const rt = new FakeRuntime({ images: ['busybox'], behaviour: scripted({ app: [oom(10), failStart('exec format error'), run()] }) });
    const first = await rt.createContainer(await sandboxAndSpec(rt, 'app', 0));
    await rt.startContainer(first);
    await vi.advanceTimersByTimeAsync(10);
    expect(await rt.containerStatus(first)).toMatchObject({ state: 'exited', exitCode: 137, oomKilled: true });
    const second = await rt.createContainer(await sandboxAndSpec(rt, 'app', 1));
    await expect(rt.startContainer(second)).rejects.toThrow('exec format error');
    expect(await rt.containerStatus(second)).toMatchObject({ state: 'exited', exitCode: 128, error: 'exec format error' });
    const third = await rt.createContainer(await sandboxAndSpec(rt, 'app', 5));
    await rt.startContainer(third);
    await vi.advanceTimersByTimeAsync(60_000);
    expect((await rt.containerStatus(third))?.state).toBe('running');
  });

  it('stops with SIGTERM (143) or SIGKILL (137) and removes idempotently', async () => {
    const rt = new FakeRuntime({ images: ['busybox'], ignoresSigterm: (s) => s.name === 'stubborn' });
    const a = await rt.createContainer(await sandboxAndSpec(rt, 'app'));
    const b = await rt.createContainer(await sandboxAndSpec(rt, 'stubborn'));
    await rt.startContainer(a);
    await rt.startContainer(b);
    await rt.stopContainer(a, 30);
    await rt.stopContainer(b, 30);
    await rt.stopContainer(a, 30);
    expect((await rt.containerStatus(a))?.exitCode).toBe(143);
    expect((await rt.containerStatus(b))?.exitCode).toBe(137);
    await rt.removeContainer(a);
    await rt.removeContainer(a);
    expect(await rt.containerStatus(a)).toBeNull();
    expect((await rt.listContainers({ [LABELS.podUid]: 'u1' })).map((c) => c.id)).toEqual([b]);
  });

  it('refuses to create a container for an unknown image or sandbox', async () => {
    const rt = new FakeRuntime();
    const spec = await sandboxAndSpec(rt, 'app');
    await expect(rt.createContainer(spec)).rejects.toThrow('image not known');
    rt.addImage('busybox');
    await expect(rt.createContainer({ ...spec, sandboxId: 'nope' })).rejects.toThrow('no such sandbox');
  });

  it('serves recorded logs with tail and answers exec with the handler', async () => {
    const rt = new FakeRuntime({ images: ['busybox'], exec: (_id, cmd) => ({ exitCode: cmd[0] === 'false' ? 1 : 0, stdout: cmd.join(' ') }) });
    const id = await rt.createContainer(await sandboxAndSpec(rt, 'app'));
    await rt.startContainer(id);
    rt.writeLog(id, 'one');
    rt.writeLog(id, 'two');
    rt.writeLog(id, 'oops', 'stderr');
    const logs = await rt.logs(id, { tailLines: 2 });
    expect(await text(logs.stdout)).toBe('two\n');
    expect(await text(logs.stderr)).toBe('oops\n');
    const ok = await rt.exec(id, { cmd: ['echo', 'hi'], tty: false, stdin: false, stdout: true, stderr: true });
    expect(await text(ok.stdout)).toBe('echo hi');
    expect(await ok.exitCode).toBe(0);
    const bad = await rt.exec(id, { cmd: ['false'], tty: false, stdin: false, stdout: true, stderr: true });
    expect(await bad.exitCode).toBe(1);
  });

  it('reports an outside crash as a die event with the exit code', async () => {
    const rt = new FakeRuntime({ images: ['busybox'] });
    const id = await rt.createContainer(await sandboxAndSpec(rt, 'app'));
    await rt.startContainer(id);
    rt.crash(id, 137, true);
    expect(await rt.containerStatus(id)).toMatchObject({ state: 'exited', exitCode: 137, oomKilled: true });
  });
});
