// Our API server over https, as any Kubernetes client talks to it.
import { type Endpoint, closeEndpoint, expectStatus, makeEndpoint } from './http-client';
import { NdjsonStream } from './ndjson-stream';
import type { ListResult, Stored, Target, WatchHandle } from './target';

export class KubeTarget implements Target {
  readonly name = 'ours';
  private readonly ep: Endpoint;

  constructor(url: string, token: string, caPem: string) {
    this.ep = makeEndpoint(url, { Authorization: `Bearer ${token}`, Accept: 'application/json' }, caPem);
  }

  private pods = (ns: string) => `/api/v1/namespaces/${ns}/pods`;
  private json = { 'Content-Type': 'application/json' };

  async prepareNamespace(ns: string): Promise<void> {
    await expectStatus(this.ep, [201, 409], 'POST', '/api/v1/namespaces', JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }), this.json);
    // The stack runs without controllers here, so no ServiceAccount controller makes `default`, which the
    // ServiceAccount admission of every pod create needs.
    await expectStatus(this.ep, [201, 409], 'POST', `/api/v1/namespaces/${ns}/serviceaccounts`, JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } }), this.json);
  }

  async create(ns: string, _name: string, pod: Record<string, unknown>): Promise<void> {
    await expectStatus(this.ep, [201], 'POST', this.pods(ns), JSON.stringify(pod), this.json);
  }

  async get(ns: string, name: string): Promise<Stored> {
    const r = await expectStatus(this.ep, [200], 'GET', `${this.pods(ns)}/${name}`);
    const obj = JSON.parse(r.text);
    return { version: obj.metadata.resourceVersion, obj };
  }

  async update(ns: string, name: string, version: string, obj: Record<string, any>): Promise<void> {
    const body = { ...obj, metadata: { ...obj.metadata, resourceVersion: version } };
    await expectStatus(this.ep, [200], 'PUT', `${this.pods(ns)}/${name}`, JSON.stringify(body), this.json);
  }

  async list(ns: string): Promise<ListResult> {
    const r = await expectStatus(this.ep, [200], 'GET', this.pods(ns));
    return { items: JSON.parse(r.text).items.length, headersMs: r.headersMs, bodyMs: r.bodyMs };
  }

  async revision(ns: string): Promise<string> {
    const r = await expectStatus(this.ep, [200], 'GET', `${this.pods(ns)}?limit=1`);
    return JSON.parse(r.text).metadata.resourceVersion;
  }

  watch(ns: string, rev: string, onEvent: (name: string, arrivedAt: number) => void): WatchHandle {
    let error: string | undefined;
    const s = new NdjsonStream(this.ep, 'GET', `${this.pods(ns)}?watch=true&resourceVersion=${rev}`, undefined, (line, t) => {
      if (line.type === 'ADDED' || line.type === 'MODIFIED' || line.type === 'DELETED') onEvent(line.object?.metadata?.name, t);
      else if (line.type === 'ERROR') error ??= JSON.stringify(line.object).slice(0, 300); // e.g. 410 Gone
    });
    return {
      ready: s.opened.then(() => {
        if (s.status !== 200) throw new Error(`watch ${ns} → ${s.status} ${s.error ?? ''}`);
      }),
      broken: () => error ?? s.error ?? (s.ended ? 'ended' : undefined),
      stop: () => s.stop(),
    };
  }

  async close(): Promise<void> {
    closeEndpoint(this.ep);
  }
}
