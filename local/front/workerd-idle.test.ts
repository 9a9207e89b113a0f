// The front's pooled upstream connections must end before workerd ends them (proxy.ts, upstreamIdleMs):
// measured on the workerd this repo pins, so an upgrade that shortens its idle timeout fails here.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Miniflare } from 'miniflare';
import net from 'node:net';
import { UPSTREAM_IDLE_MS } from './proxy';

let mf: Miniflare;
let port: number;

beforeAll(async () => {
  mf = new Miniflare({ modules: true, script: 'export default { fetch() { return new Response("ok") } }', unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }] });
  port = Number((await mf.unsafeGetDirectURL()).port);
}, 30_000);

afterAll(() => mf?.dispose());

it('workerd keeps an idle connection open at least a second longer than the front pools one', async () => {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  const answered = new Promise<number>((r) => socket.once('data', () => r(performance.now())));
  socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
  const idleFrom = await answered;
  const closedAfter = await new Promise<number>((r) => socket.once('end', () => r(performance.now() - idleFrom)));
  socket.destroy();
  expect(closedAfter).toBeGreaterThan(UPSTREAM_IDLE_MS + 1_000);
}, 30_000);
