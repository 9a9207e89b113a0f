// The agent's outbound tunnel to its NodeTunnel Durable Object: one WebSocket to
// GET /apis/kubeflare.dev/v1/nodes/<name>/tunnel, authenticated as system:node:<name>, kept open and
// reopened with capped back-off. The API opens streams on it; TunnelMux serves them.
import WebSocket from 'ws';
import type { ContainerRuntime } from '../runtime/types';
import { Backoff } from './backoff';
import { TunnelMux } from './mux';
import type { Log } from './serve-context';
import type { PodLocator } from './types';

export interface TunnelOptions {
  serverUrl: string;
  caPem: string;
  token: string;
  nodeName: string;
  runtime: ContainerRuntime;
  locator: PodLocator;
  log?: Log;
}

export interface Tunnel {
  close(): Promise<void>;
  /** Resolves once the tunnel is connected (again); for tests and readiness. */
  connected(): Promise<void>;
}

/** A connection that stayed up this long resets the back-off. */
const STABLE_MS = 10_000;
/** Pings reveal a dead connection (no close from a vanished server). */
const PING_MS = 20_000;

export function startTunnel(opts: TunnelOptions): Tunnel {
  const log = opts.log ?? (() => undefined);
  const url = `${opts.serverUrl.replace(/^http/, 'ws').replace(/\/$/, '')}/apis/kubeflare.dev/v1/nodes/${encodeURIComponent(opts.nodeName)}/tunnel`;
  const backoff = new Backoff();
  let stopped = false;
  let socket: WebSocket | undefined;
  let retry: NodeJS.Timeout | undefined;
  let waiters: (() => void)[] = [];
  let isOpen = false;

  const connect = () => {
    if (stopped) return;
    const ws = new WebSocket(url, { ca: opts.caPem, headers: { Authorization: `Bearer ${opts.token}` }, perMessageDeflate: false });
    socket = ws;
    const mux = new TunnelMux((f) => ws.readyState === WebSocket.OPEN && ws.send(f), opts.runtime, opts.locator, log);
    let openedAt = 0;
    let ping: NodeJS.Timeout | undefined;
    let alive = true;
    ws.on('open', () => {
      openedAt = Date.now();
      isOpen = true;
      log('tunnel connected', { node: opts.nodeName });
      for (const w of waiters.splice(0)) w();
      ping = setInterval(() => {
        if (!alive) return ws.terminate();
        alive = false;
        ws.ping();
      }, PING_MS);
    });
    ws.on('pong', () => (alive = true));
    ws.on('message', (data, isBinary) => {
      alive = true;
      if (isBinary) mux.onMessage(asBytes(data));
    });
    ws.on('unexpected-response', (_req, res) => {
      log('tunnel refused', { node: opts.nodeName, status: res.statusCode });
      res.resume();
      ws.terminate();
    });
    ws.on('error', (err) => log('tunnel error', { node: opts.nodeName, err: err.message }));
    ws.on('close', () => {
      clearInterval(ping);
      isOpen = false;
      mux.closeAll();
      if (stopped) return;
      if (openedAt && Date.now() - openedAt > STABLE_MS) backoff.reset();
      const delay = backoff.next();
      log('tunnel closed; reconnecting', { node: opts.nodeName, delayMs: Math.round(delay) });
      retry = setTimeout(connect, delay);
    });
  };
  connect();

  return {
    connected: () => (isOpen ? Promise.resolve() : new Promise<void>((r) => waiters.push(r))),
    async close() {
      stopped = true;
      clearTimeout(retry);
      waiters = [];
      const ws = socket;
      if (!ws || ws.readyState === WebSocket.CLOSED) return;
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
        else ws.close(1000, 'agent stopping');
      });
    },
  };
}

function asBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
