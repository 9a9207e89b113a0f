// HTTP for the RBAC matrix: requests as a given identity (bearer token or impersonation headers), and a
// bounded-concurrency map so thousands of cases finish quickly without flooding the single workerd thread.
import { Agent, request } from 'node:https';

export interface RawResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export class RawClient {
  private readonly agent: Agent;
  /** Watches get sockets of their own that are destroyed with them, never returned to the pool. */
  private readonly streamAgent: Agent;
  constructor(
    private readonly url: string,
    ca: string,
  ) {
    this.agent = new Agent({ ca, keepAlive: true, maxSockets: 32 });
    this.streamAgent = new Agent({ ca, keepAlive: false });
  }

  send(method: string, path: string, opts: { headers?: Record<string, string>; body?: string; stream?: boolean; retried?: boolean }): Promise<RawResponse> {
    const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
    if (opts.body !== undefined) {
      headers['Content-Type'] ??= 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(opts.body));
    }
    return new Promise((resolve, reject) => {
      let responded = false;
      const req = request(new URL(path, this.url), { method, headers, agent: opts.stream ? this.streamAgent : this.agent }, (res) => {
        responded = true;
        const status = res.statusCode ?? 0;
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
          resolve({ status, json });
        });
        res.on('error', reject);
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (responded) return;
        // A pooled keep-alive socket the server closed: retry once on a fresh one, as HTTP clients do.
        if (!opts.retried && req.reusedSocket && err.code === 'ECONNRESET') this.send(method, path, { ...opts, retried: true }).then(resolve, reject);
        else reject(err);
      });
      if (opts.body !== undefined) req.write(opts.body);
      req.end();
    });
  }

  close() {
    this.agent.destroy();
    this.streamAgent.destroy();
  }
}

/** Runs fn over items with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
