import { describe, expect, it } from 'vitest';
import { FrameType, MAX_DATA, STREAM_WINDOW, decodeFrame } from '../../../workers/api/src/tunnel/frame';
import { TunnelStream } from './stream';

describe('tunnel stream flow control', () => {
  it('stops sending at the window and resumes on credit', async () => {
    const sent: Uint8Array[] = [];
    const s = new TunnelStream(5, (f) => sent.push(f), () => undefined);
    const total = STREAM_WINDOW + MAX_DATA;
    let finished = false;
    const writing = s.write(new Uint8Array(total)).then(() => (finished = true));
    await new Promise((r) => setTimeout(r, 10));
    const inFlight = sent.map((f) => decodeFrame(f)!).reduce((n, f) => n + f.payload.byteLength, 0);
    expect(inFlight).toBe(STREAM_WINDOW);
    expect(finished).toBe(false);
    s.credit(MAX_DATA);
    await writing;
    expect(sent.map((f) => decodeFrame(f)!).reduce((n, f) => n + f.payload.byteLength, 0)).toBe(total);
    expect(sent.every((f) => decodeFrame(f)!.type === FrameType.Data && decodeFrame(f)!.stream === 5)).toBe(true);
  });

  it('fails a blocked writer when the API closes the stream', async () => {
    let closed = false;
    const s = new TunnelStream(1, () => undefined, () => undefined);
    s.onClose = () => (closed = true);
    const writing = s.write(new Uint8Array(STREAM_WINDOW + 1));
    s.remoteClosed();
    await expect(writing).rejects.toThrow('stream closed');
    expect(closed).toBe(true);
  });
});
