// The agent's stream serving, driven frame by frame as the NodeTunnel would: an exec session with
// stdin, resize, stdin close (v5) and the exit Status; a log with limitBytes; a refused container.
import { describe, expect, it } from 'vitest';
import { type Frame, FrameType, decodeFrame, encodeFrame, encodeJsonFrame, jsonOf } from '../../../workers/api/src/tunnel/frame';
import { StubRuntime, stubLocator } from '../../../test/pod-streams-support';
import { TunnelMux } from './mux';

function harness() {
  const runtime = new StubRuntime();
  const frames: Frame[] = [];
  const mux = new TunnelMux((f) => frames.push(decodeFrame(f)!), runtime.asRuntime(), stubLocator('default', 'web'), () => undefined);
  const until = async (pred: () => boolean) => {
    for (let i = 0; i < 200 && !pred(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(pred()).toBe(true);
  };
  return { runtime, frames, mux, until };
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('agent stream serving', () => {
  it('runs an exec session over the v5 channel protocol', async () => {
    const { runtime, frames, mux, until } = harness();
    const exec = { command: ['cat'], stdin: true, stdout: true, stderr: true, tty: false };
    mux.onMessage(encodeJsonFrame(FrameType.Open, 1, { kind: 'exec', namespace: 'default', pod: 'web', container: 'main', protocol: 'v5.channel.k8s.io', exec }));
    await until(() => frames.some((f) => f.type === FrameType.Accept));
    mux.onMessage(encodeFrame(FrameType.Data, 1, new Uint8Array([0, ...new TextEncoder().encode('hi\n')])));
    mux.onMessage(encodeFrame(FrameType.Data, 1, new Uint8Array([4, ...new TextEncoder().encode('{"Width":80,"Height":24}')])));
    mux.onMessage(encodeFrame(FrameType.Data, 1, new Uint8Array([255, 0])));
    await until(() => frames.some((f) => f.type === FrameType.End));
    const data = frames.filter((f) => f.type === FrameType.Data);
    expect(data.filter((f) => f.payload[0] === 1).map((f) => text(f.payload.subarray(1))).join('')).toBe('hi\n');
    const status = data.find((f) => f.payload[0] === 3)!;
    expect(JSON.parse(text(status.payload.subarray(1)))).toEqual({ metadata: {}, status: 'Success' });
    expect(runtime.resizes).toEqual([{ cols: 80, rows: 24 }]);
    expect(mux.size).toBe(0);
  });

  it('cuts a log at limitBytes', async () => {
    const { frames, mux, until } = harness();
    mux.onMessage(encodeJsonFrame(FrameType.Open, 2, { kind: 'logs', namespace: 'default', pod: 'web', logs: { follow: false, timestamps: false, previous: false, limitBytes: 8 } }));
    await until(() => frames.some((f) => f.type === FrameType.End));
    expect(frames.filter((f) => f.type === FrameType.Data).map((f) => text(f.payload)).join('')).toBe('line-1\nl');
  });

  it('refuses a container the node does not run, with the locator\'s message', async () => {
    const { frames, mux, until } = harness();
    mux.onMessage(encodeJsonFrame(FrameType.Open, 3, { kind: 'logs', namespace: 'default', pod: 'web', container: 'side' }));
    await until(() => frames.some((f) => f.type === FrameType.Close));
    expect(jsonOf(frames.find((f) => f.type === FrameType.Close)!)).toEqual({ code: 400, message: 'container "side" in pod "web" is waiting to start: ContainerCreating' });
  });
});
