import { createServer, type Http2Server, type ServerHttp2Stream } from 'node:http2';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeHealthResponse, encodeHealthRequest, runProbe, type Probe } from './index';
import { stubExecRuntime } from './stub-runtime';

/** The service name out of a HealthCheckRequest frame (field 1, short strings only). */
function serviceOf(frame: Buffer): string {
  const msg = frame.subarray(5);
  return msg.length && msg[0] === 0x0a ? msg.subarray(2, 2 + msg[1]).toString() : '';
}

function reply(stream: ServerHttp2Stream, status: number) {
  stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
  stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
  // field 1 varint, plus an unknown length-delimited field 9 the decoder must skip
  const msg = Buffer.from([0x4a, 0x02, 0x61, 0x62, 0x08, status]);
  const head = Buffer.alloc(5);
  head.writeUInt32BE(msg.length, 1);
  stream.end(Buffer.concat([head, msg]));
}

let server: Http2Server;
let port: number;
const requests: string[] = [];
beforeAll(async () => {
  server = createServer();
  server.on('stream', (stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const service = serviceOf(Buffer.concat(chunks));
      requests.push(`${headers[':path']} ${headers['content-type']} ${JSON.stringify(service)}`);
      if (service === 'down') return reply(stream, 2);
      if (service === 'unimpl') return stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12', 'grpc-message': 'unknown service' }, { endStream: true });
      if (service === 'hang') return;
      if (service === 'missing') {
        stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '5', 'grpc-message': 'unknown%20service' }, { endStream: true });
        return;
      }
      reply(stream, 1);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

const target = { podIP: '127.0.0.1', hostIP: '127.0.0.1', containerId: 'c', runtime: stubExecRuntime(() => ({})) };
const probe = (service?: string, timeoutSeconds?: number) => ({ grpc: { port, service }, timeoutSeconds }) as Probe;

describe('gRPC health probe', () => {
  it('encodes the request by hand', () => {
    expect(encodeHealthRequest('')).toEqual(Buffer.from([0, 0, 0, 0, 0]));
    expect(encodeHealthRequest('ab')).toEqual(Buffer.from([0, 0, 0, 0, 4, 0x0a, 2, 0x61, 0x62]));
    expect(decodeHealthResponse(Buffer.from([0, 0, 0, 0, 2, 0x08, 3]))).toBe(3);
    expect(decodeHealthResponse(Buffer.from([0, 0, 0, 0, 0]))).toBe(0);
  });

  it('succeeds on SERVING and sends the service name', async () => {
    expect(await runProbe(probe('api'), target)).toEqual({ result: 'success' });
    expect(requests.at(-1)).toBe('/grpc.health.v1.Health/Check application/grpc "api"');
  });

  it('fails on NOT_SERVING', async () => {
    expect(await runProbe(probe('down'), target)).toEqual({ result: 'failure', message: 'service unhealthy (responded with "NOT_SERVING")' });
  });

  it('explains a server without the health service', async () => {
    expect(await runProbe(probe('unimpl'), target)).toEqual({
      result: 'failure',
      message: 'error: this server does not implement the grpc health protocol (grpc.health.v1.Health): unknown service',
    });
  });

  it('reports other rpc errors with their code', async () => {
    expect(await runProbe(probe('missing'), target)).toEqual({ result: 'failure', message: 'error: health rpc probe failed: rpc error: code = NotFound desc = unknown service' });
  });

  it('times out a call that never completes', async () => {
    expect(await runProbe(probe('hang', 1), target)).toEqual({ result: 'failure', message: 'timeout: health rpc did not complete within 1s' });
  });

  it('fails when nothing listens', async () => {
    const tmp = createNetServer();
    const closed = await new Promise<number>((r) => tmp.listen(0, '127.0.0.1', () => r((tmp.address() as AddressInfo).port)));
    await new Promise((r) => tmp.close(r));
    expect(await runProbe({ grpc: { port: closed } } as Probe, target)).toEqual({
      result: 'failure',
      message: `timeout: failed to connect service "127.0.0.1:${closed}" within 1s: connection error: desc = "transport: Error while dialing: dial tcp 127.0.0.1:${closed}: connect: connection refused"`,
    });
  });
});
