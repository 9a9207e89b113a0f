// A light streaming client: one long request whose response is newline-delimited JSON (our watch and
// etcd's gateway watch both are). Arrival time is taken when the chunk lands, before parsing, so the
// parse cost of 1,000 streams is not charged to the server.
import type { ClientRequest } from 'node:http';
import { type Endpoint, open } from './http-client';
import { now } from './stats';

export class NdjsonStream {
  status = 0;
  ended = false;
  error: string | undefined;
  readonly opened: Promise<void>;
  private buffer = '';
  private readonly req: ClientRequest;

  constructor(ep: Endpoint, method: string, path: string, body: string | undefined, onLine: (line: any, arrivedAt: number) => void) {
    let resolveOpened!: () => void;
    this.opened = new Promise((r) => (resolveOpened = r));
    this.req = open(
      ep,
      method,
      path,
      body,
      { Accept: 'application/json' },
      (res) => {
        this.status = res.statusCode ?? 0;
        resolveOpened();
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const t = now();
          this.buffer += chunk;
          let i: number;
          while ((i = this.buffer.indexOf('\n')) >= 0) {
            const line = this.buffer.slice(0, i).trim();
            this.buffer = this.buffer.slice(i + 1);
            if (line) onLine(JSON.parse(line), t);
          }
        });
        res.on('end', () => (this.ended = true));
        res.on('error', (e) => {
          this.ended = true;
          this.error = String(e);
        });
      },
      true,
    );
    this.req.on('error', (e) => {
      this.ended = true;
      this.error = String(e);
      resolveOpened();
    });
  }

  stop(): void {
    this.req.destroy();
    this.ended = true;
  }
}
