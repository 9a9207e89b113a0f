// Test harness: the real local stack (Miniflare + workerd, https) on a free port with in-memory state,
// and a small https client that trusts its CA.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Stack, startStack } from '../local/stack';

export interface TestStack extends Stack {
  stateDir: string;
  client: ApiClient;
  close(): Promise<void>;
}

/** `components: false` runs the API alone (no scheduler or controllers writing in the background); `split` runs them in a workerd of their own. */
export async function startTestStack(vars: Record<string, string> = {}, opts: { components?: boolean; split?: boolean } = {}): Promise<TestStack> {
  const stateDir = mkdtempSync(join(tmpdir(), 'kubeflare-test-'));
  const stack = await startStack({ stateDir, port: 0, persist: false, vars, components: opts.components, split: opts.split });
  const client = new ApiClient(stack.url, stack.token, stack.caPem);
  return {
    ...stack,
    stateDir,
    client,
    async close() {
      client.close();
      await stack.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface RequestOptions {
  body?: unknown;
  /** Raw body text/bytes, sent as is. */
  raw?: string | Buffer;
  headers?: Record<string, string>;
  token?: string | null;
}

export class ApiClient {
  readonly agent: Agent;
  constructor(
    readonly url: string,
    readonly token: string,
    readonly ca: string,
  ) {
    this.agent = new Agent({ ca, keepAlive: true, maxSockets: 64 });
  }

  request(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
    const token = opts.token === undefined ? this.token : opts.token;
    if (token) headers.Authorization = `Bearer ${token}`;
    let payload: string | Buffer | undefined = opts.raw;
    if (payload === undefined && opts.body !== undefined) {
      payload = JSON.stringify(opts.body);
      headers['Content-Type'] ??= 'application/json';
    }
    return this.send(method, path, headers, payload, true);
  }

  /**
   * One attempt; a pooled keep-alive socket the server already closed fails before any response is
   * read ("socket hang up"), and is retried once on a fresh socket, as HTTP clients do.
   */
  private send(method: string, path: string, headers: Record<string, string>, payload: string | Buffer | undefined, mayRetry: boolean): Promise<ApiResponse> {
    return new Promise((resolve, reject) => {
      let responded = false;
      const req = httpsRequest(new URL(path, this.url), { method, headers, agent: this.agent }, (res) => {
        responded = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        const stale = !responded && req.reusedSocket && (err.code === 'ECONNRESET' || err.message === 'socket hang up');
        if (stale && mayRetry) this.send(method, path, headers, payload, false).then(resolve, reject);
        else reject(err);
      });
      // Node does not frame DELETE bodies by itself: without a length (or chunked framing asked for) they
      // would be lost. Never both: a request with both is malformed (RFC 9112 §6.1) and servers may refuse it.
      const chunked = Object.entries(headers).some(([k, v]) => k.toLowerCase() === 'transfer-encoding' && /chunked/i.test(v));
      if (payload !== undefined && !chunked) req.setHeader('Content-Length', Buffer.byteLength(payload));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  get = (path: string, opts?: RequestOptions) => this.request('GET', path, opts);
  post = (path: string, body: unknown, opts?: RequestOptions) => this.request('POST', path, { ...opts, body });
  put = (path: string, body: unknown, opts?: RequestOptions) => this.request('PUT', path, { ...opts, body });
  delete = (path: string, opts?: RequestOptions) => this.request('DELETE', path, opts);
  patch = (path: string, body: unknown, type = 'application/merge-patch+json', opts?: RequestOptions) =>
    this.request('PATCH', path, { ...opts, body, headers: { 'Content-Type': type, ...opts?.headers } });

  /** Opens a watch stream and collects its events until stopped. */
  watch(path: string): WatchStream {
    return new WatchStream(this, path);
  }

  close() {
    this.agent.destroy();
  }
}

export interface WatchEvent {
  type: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  object: any;
}

export class WatchStream {
  readonly events: WatchEvent[] = [];
  status = 0;
  ended = false;
  private buffer = '';
  private req: ReturnType<typeof httpsRequest>;
  private waiters: (() => void)[] = [];
  readonly opened: Promise<void>;

  constructor(client: ApiClient, path: string) {
    let opened!: () => void;
    let failed!: (e: Error) => void;
    this.opened = new Promise((res, rej) => {
      opened = res;
      failed = rej;
    });
    this.req = httpsRequest(
      new URL(path, client.url),
      { method: 'GET', headers: { Accept: 'application/json', Authorization: `Bearer ${client.token}` }, agent: new Agent({ ca: client.ca }) },
      (res) => {
        this.status = res.statusCode ?? 0;
        opened();
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          this.buffer += chunk;
          let i: number;
          while ((i = this.buffer.indexOf('\n')) >= 0) {
            const line = this.buffer.slice(0, i).trim();
            this.buffer = this.buffer.slice(i + 1);
            if (line) this.events.push(JSON.parse(line));
          }
          this.notify();
        });
        res.on('end', () => {
          this.ended = true;
          this.notify();
        });
        res.on('error', () => {
          this.ended = true;
          this.notify();
        });
      },
    );
    this.req.on('error', (e) => {
      this.ended = true;
      failed(e);
      this.notify();
    });
    this.req.end();
  }

  private notify() {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when `pred` holds for the events so far (or rejects after `ms`). */
  async until(pred: (events: WatchEvent[]) => boolean, ms = 20_000): Promise<WatchEvent[]> {
    const deadline = Date.now() + ms;
    while (!pred(this.events)) {
      if (this.ended) throw new Error(`watch ended after ${this.events.length} events`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out with ${this.events.length} events`);
      await new Promise<void>((res) => {
        const t = setTimeout(res, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          res();
        });
      });
    }
    return this.events;
  }

  async untilEnded(ms = 20_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error('watch did not end');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  stop() {
    this.req.destroy();
    this.ended = true;
  }
}
