// grpc: one call of grpc.health.v1.Health/Check over plaintext HTTP/2, with the request and response
// protobufs encoded by hand (each has one field), so no gRPC library is needed. SERVING is success.
import { connect, constants, type ClientHttp2Session } from 'node:http2';
import { dialError, joinHostPort } from './errors';
import type { ProbeResult } from './types';

const STATUS_NAMES = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'];
const CODE_NAMES = ['OK', 'Canceled', 'Unknown', 'InvalidArgument', 'DeadlineExceeded', 'NotFound', 'AlreadyExists', 'PermissionDenied', 'ResourceExhausted', 'FailedPrecondition', 'Aborted', 'OutOfRange', 'Unimplemented', 'Internal', 'Unavailable', 'DataLoss', 'Unauthenticated'];

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}

/** HealthCheckRequest { string service = 1; } in a gRPC length-prefixed frame. */
export function encodeHealthRequest(service: string): Buffer {
  const s = Buffer.from(service, 'utf8');
  const msg = s.length ? Buffer.concat([Buffer.from([0x0a, ...varint(s.length)]), s]) : Buffer.alloc(0);
  const head = Buffer.alloc(5);
  head.writeUInt32BE(msg.length, 1);
  return Buffer.concat([head, msg]);
}

function readVarint(b: Buffer, at: number): [number, number] {
  let n = 0;
  let shift = 0;
  for (;;) {
    if (at >= b.length) throw new Error('truncated varint');
    const byte = b[at++];
    n += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80)) return [n, at];
    shift += 7;
  }
}

/** HealthCheckResponse { ServingStatus status = 1; } from a gRPC frame; unknown fields are skipped. */
export function decodeHealthResponse(frame: Buffer): number {
  if (frame.length < 5) throw new Error('short gRPC frame');
  if (frame[0] !== 0) throw new Error('compressed gRPC response');
  const msg = frame.subarray(5, 5 + frame.readUInt32BE(1));
  let status = 0;
  for (let at = 0; at < msg.length; ) {
    let key: number;
    [key, at] = readVarint(msg, at);
    const wire = key & 7;
    let v: number;
    if (wire === 0) {
      [v, at] = readVarint(msg, at);
      if (key >>> 3 === 1) status = v;
    } else if (wire === 2) {
      [v, at] = readVarint(msg, at);
      at += v;
    } else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
  return status;
}

type CallResult = { ok: true; status: number } | { ok: false; stage: 'connect' | 'rpc'; code?: number; message: string };

function call(host: string, port: number, service: string, session: ClientHttp2Session): Promise<CallResult> {
  return new Promise((resolve) => {
    let connected = false;
    session.once('connect', () => (connected = true));
    // Before the connection is up, an error is a dial failure (the stream error wraps it as its cause).
    const fail = (e: Error) => {
      const cause = ((e as { cause?: unknown }).cause ?? e) as NodeJS.ErrnoException;
      if (connected || !cause.syscall) return resolve({ ok: false, stage: connected ? 'rpc' : 'connect', message: e.message });
      resolve({ ok: false, stage: 'connect', message: `connection error: desc = "transport: Error while dialing: ${dialError(cause, joinHostPort(host, port))}"` });
    };
    session.once('error', fail);
    const req = session.request({
      [constants.HTTP2_HEADER_METHOD]: 'POST',
      [constants.HTTP2_HEADER_PATH]: '/grpc.health.v1.Health/Check',
      [constants.HTTP2_HEADER_AUTHORITY]: joinHostPort(host, port),
      'content-type': 'application/grpc',
      te: 'trailers',
    });
    let headers: Record<string, unknown> = {};
    const chunks: Buffer[] = [];
    req.on('response', (h) => (headers = h));
    req.on('data', (c: Buffer) => chunks.push(c));
    let trailers: Record<string, unknown> = {};
    req.on('trailers', (t) => (trailers = t));
    req.on('error', fail);
    req.on('end', () => {
      // A trailers-only response carries grpc-status in the headers.
      const code = Number(trailers['grpc-status'] ?? headers['grpc-status'] ?? 2);
      const message = String(trailers['grpc-message'] ?? headers['grpc-message'] ?? '');
      if (code !== 0) return resolve({ ok: false, stage: 'rpc', code, message: decodeURIComponent(message) });
      try {
        resolve({ ok: true, status: decodeHealthResponse(Buffer.concat(chunks)) });
      } catch (e) {
        resolve({ ok: false, stage: 'rpc', code: 13, message: (e as Error).message });
      }
    });
    req.end(encodeHealthRequest(service));
  });
}

export async function grpcProbe(host: string, port: number, service: string, timeoutMs: number): Promise<ProbeResult> {
  const addr = joinHostPort(host, port);
  const secs = `${timeoutMs / 1000}s`;
  const session = connect(`http://${addr}`);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
  let connected = false;
  session.once('connect', () => (connected = true));
  try {
    const r = await Promise.race([call(host, port, service, session), deadline]);
    if (r === 'timeout') {
      return connected
        ? { result: 'failure', message: `timeout: health rpc did not complete within ${secs}` }
        : { result: 'failure', message: `timeout: failed to connect service ${JSON.stringify(addr)} within ${secs}: context deadline exceeded` };
    }
    if (r.ok) {
      if (r.status === 1) return { result: 'success' };
      return { result: 'failure', message: `service unhealthy (responded with ${JSON.stringify(STATUS_NAMES[r.status] ?? String(r.status))})` };
    }
    if (r.stage === 'connect') return { result: 'failure', message: `timeout: failed to connect service ${JSON.stringify(addr)} within ${secs}: ${r.message}` };
    if (r.code === 12) return { result: 'failure', message: `error: this server does not implement the grpc health protocol (grpc.health.v1.Health): ${r.message}` };
    const codeName = CODE_NAMES[r.code ?? 2] ?? `Code(${r.code})`;
    return { result: 'failure', message: `error: health rpc probe failed: rpc error: code = ${codeName} desc = ${r.message}` };
  } finally {
    clearTimeout(timer);
    session.destroy();
  }
}
