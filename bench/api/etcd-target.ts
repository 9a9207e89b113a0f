// etcd 3.4 through its JSON gRPC-gateway: the same HTTP+JSON + keep-alive the API side pays, keys laid
// out as the Kubernetes apiserver lays them out (/registry/pods/<ns>/<name>), the pod JSON as value.
import { type Endpoint, closeEndpoint, expectStatus, makeEndpoint } from './http-client';
import { NdjsonStream } from './ndjson-stream';
import type { ListResult, Stored, Target, WatchHandle } from './target';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');
const podKey = (ns: string, name: string) => `/registry/pods/${ns}/${name}`;
const prefixOf = (ns: string) => `/registry/pods/${ns}/`;
/** The end of a prefix range: the prefix with its last byte incremented ('/' + 1 = '0'). */
const prefixEnd = (p: string) => p.slice(0, -1) + String.fromCharCode(p.charCodeAt(p.length - 1) + 1);

export class EtcdTarget implements Target {
  readonly name = 'etcd';
  private readonly ep: Endpoint;

  private constructor(
    url: string,
    /** '/v3' or '/v3beta': which gateway prefix this etcd serves, found by trying. */
    readonly api: string,
  ) {
    this.ep = makeEndpoint(url, { 'Content-Type': 'application/json' });
  }

  static async connect(url: string): Promise<EtcdTarget> {
    for (const api of ['/v3', '/v3beta']) {
      const t = new EtcdTarget(url, api);
      try {
        await t.post('/kv/range', { key: b64('/probe') });
        return t;
      } catch {
        await t.close();
      }
    }
    throw new Error(`etcd at ${url} serves neither /v3/kv/range nor /v3beta/kv/range`);
  }

  private async post(path: string, body: unknown): Promise<any> {
    const r = await expectStatus(this.ep, [200], 'POST', this.api + path, JSON.stringify(body));
    return JSON.parse(r.text);
  }

  async prepareNamespace(): Promise<void> {}

  async create(ns: string, name: string, pod: Record<string, unknown>): Promise<void> {
    await this.post('/kv/put', { key: b64(podKey(ns, name)), value: b64(JSON.stringify(pod)) });
  }

  async get(ns: string, name: string): Promise<Stored> {
    const r = await this.post('/kv/range', { key: b64(podKey(ns, name)) });
    const kv = r.kvs?.[0];
    if (!kv) throw new Error(`etcd: ${podKey(ns, name)} not found`);
    return { version: kv.mod_revision, obj: JSON.parse(unb64(kv.value)) };
  }

  /** What the apiserver's GuaranteedUpdate does: a txn comparing mod_revision, then put. */
  async update(ns: string, name: string, version: string, obj: Record<string, unknown>): Promise<void> {
    const key = b64(podKey(ns, name));
    const r = await this.post('/kv/txn', {
      compare: [{ key, target: 'MOD', result: 'EQUAL', mod_revision: version }],
      success: [{ request_put: { key, value: b64(JSON.stringify(obj)) } }],
    });
    if (!r.succeeded) throw new Error(`etcd: txn on ${podKey(ns, name)} at ${version} failed (conflict)`);
  }

  /**
   * The range as etcd serves it: the body is parsed like ours, but the base64 values are not decoded
   * into pods (the apiserver would do that on top), so this is the stricter baseline for our list.
   */
  async list(ns: string): Promise<ListResult> {
    const p = prefixOf(ns);
    const r = await expectStatus(this.ep, [200], 'POST', `${this.api}/kv/range`, JSON.stringify({ key: b64(p), range_end: b64(prefixEnd(p)) }));
    return { items: (JSON.parse(r.text).kvs ?? []).length, headersMs: r.headersMs, bodyMs: r.bodyMs };
  }

  async revision(ns: string): Promise<string> {
    const p = prefixOf(ns);
    const r = await this.post('/kv/range', { key: b64(p), range_end: b64(prefixEnd(p)), count_only: true });
    return r.header.revision;
  }

  watch(ns: string, rev: string, onEvent: (name: string, arrivedAt: number) => void): WatchHandle {
    const p = prefixOf(ns);
    let created!: () => void;
    let failed!: (e: Error) => void;
    const ready = new Promise<void>((res, rej) => ((created = res), (failed = rej)));
    let error: string | undefined;
    const body = JSON.stringify({ create_request: { key: b64(p), range_end: b64(prefixEnd(p)), start_revision: String(Number(rev) + 1) } });
    const s = new NdjsonStream(this.ep, 'POST', `${this.api}/watch`, body, (line, t) => {
      const res = line.result;
      if (!res) {
        error = JSON.stringify(line).slice(0, 300);
        failed(new Error(`etcd watch: ${error}`));
        return;
      }
      if (res.created) created();
      for (const ev of res.events ?? []) onEvent(unb64(ev.kv.key).slice(p.length), t);
    });
    s.opened.then(() => {
      if (s.status !== 200) failed(new Error(`etcd watch → ${s.status} ${s.error ?? ''}`));
    });
    return { ready, broken: () => error ?? s.error ?? (s.ended ? 'ended' : undefined), stop: () => s.stop() };
  }

  async close(): Promise<void> {
    closeEndpoint(this.ep);
  }
}
