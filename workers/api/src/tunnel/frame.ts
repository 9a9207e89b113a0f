// The node tunnel's framing: one WebSocket between the NodeTunnel Durable Object and a node's agent
// carries many streams (a log, an exec session, a forwarded port). Each WebSocket message is one frame:
//   [type: u8][stream id: u32 big-endian][payload]
// Shared by the worker and the agent, so it uses only Uint8Array/DataView (no Buffer).

export const FrameType = {
  /** Opener → peer: payload is the JSON OpenRequest. */
  Open: 1,
  /** Peer → opener: the stream is served; payload is JSON `{}`. */
  Accept: 2,
  /** Bytes of the stream (for WebSocket streams: exactly one message). */
  Data: 3,
  /** The sender will send no more data (half-close). */
  End: 4,
  /** The stream is over in both directions; payload is JSON CloseInfo. */
  Close: 5,
  /** The receiver consumed `n` bytes (u32 payload): the sender may send that many more. */
  Credit: 6,
} as const;
export type FrameType = (typeof FrameType)[keyof typeof FrameType];

/** Bytes a sender may have in flight per stream before it waits for Credit: bounded buffering. */
export const STREAM_WINDOW = 1 << 20;
/** Largest Data payload a sender puts in one frame (Workers WebSocket messages are limited to 1 MiB). */
export const MAX_DATA = 256 * 1024;

export interface Frame {
  type: FrameType;
  stream: number;
  payload: Uint8Array;
}

/** Why a stream closed: nothing for a clean end, else an HTTP-like code and upstream-worded message. */
export interface CloseInfo {
  code?: number;
  reason?: string;
  message?: string;
}

const enc = new TextEncoder();
const dec = new TextDecoder();
const EMPTY = new Uint8Array(0);

export function encodeFrame(type: FrameType, stream: number, payload: Uint8Array = EMPTY): Uint8Array {
  const out = new Uint8Array(5 + payload.byteLength);
  out[0] = type;
  new DataView(out.buffer).setUint32(1, stream >>> 0);
  out.set(payload, 5);
  return out;
}

export function encodeJsonFrame(type: FrameType, stream: number, value: unknown): Uint8Array {
  return encodeFrame(type, stream, enc.encode(JSON.stringify(value)));
}

export function encodeCredit(stream: number, bytes: number): Uint8Array {
  const p = new Uint8Array(4);
  new DataView(p.buffer).setUint32(0, bytes >>> 0);
  return encodeFrame(FrameType.Credit, stream, p);
}

/** Decodes one frame; undefined for anything malformed (the receiver drops it). */
export function decodeFrame(data: ArrayBuffer | Uint8Array): Frame | undefined {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.byteLength < 5) return undefined;
  const type = bytes[0];
  if (type < FrameType.Open || type > FrameType.Credit) return undefined;
  const stream = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(1);
  return { type: type as FrameType, stream, payload: bytes.subarray(5) };
}

export function creditOf(frame: Frame): number {
  if (frame.payload.byteLength !== 4) return 0;
  return new DataView(frame.payload.buffer, frame.payload.byteOffset, 4).getUint32(0);
}

export function jsonOf<T>(frame: Frame): T | undefined {
  try {
    return JSON.parse(dec.decode(frame.payload)) as T;
  } catch {
    return undefined;
  }
}
