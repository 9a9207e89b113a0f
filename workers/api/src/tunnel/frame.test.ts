import { describe, expect, it } from 'vitest';
import { FrameType, creditOf, decodeFrame, encodeCredit, encodeFrame, encodeJsonFrame, jsonOf } from './frame';

describe('tunnel frames', () => {
  it('round-trips type, stream id and payload', () => {
    const bytes = encodeFrame(FrameType.Data, 0xfffffffe, new Uint8Array([1, 2, 3]));
    expect([...bytes.subarray(0, 5)]).toEqual([FrameType.Data, 0xff, 0xff, 0xff, 0xfe]);
    const f = decodeFrame(bytes.buffer as ArrayBuffer)!;
    expect(f).toMatchObject({ type: FrameType.Data, stream: 0xfffffffe });
    expect([...f.payload]).toEqual([1, 2, 3]);
  });

  it('decodes a frame that is a view into a larger buffer', () => {
    const inner = encodeFrame(FrameType.End, 7);
    const outer = new Uint8Array(inner.length + 3);
    outer.set(inner, 3);
    expect(decodeFrame(outer.subarray(3))).toMatchObject({ type: FrameType.End, stream: 7 });
  });

  it('carries JSON and credit payloads', () => {
    const open = decodeFrame(encodeJsonFrame(FrameType.Open, 1, { kind: 'logs', pod: 'p' }))!;
    expect(jsonOf(open)).toEqual({ kind: 'logs', pod: 'p' });
    expect(creditOf(decodeFrame(encodeCredit(9, 123_456))!)).toBe(123_456);
  });

  it('rejects what is not a frame', () => {
    expect(decodeFrame(new Uint8Array([1, 0, 0]))).toBeUndefined();
    expect(decodeFrame(new Uint8Array([0, 0, 0, 0, 1]))).toBeUndefined();
    expect(decodeFrame(new Uint8Array([99, 0, 0, 0, 1]))).toBeUndefined();
    expect(jsonOf(decodeFrame(encodeFrame(FrameType.Close, 1, new Uint8Array([0x7b])))!)).toBeUndefined();
  });
});
