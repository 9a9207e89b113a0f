// The agent's ingress role: list-watch Ingresses, IngressClasses, Services and EndpointSlices, read the
// TLS Secrets the claimed Ingresses name, compile the route table and hand it to the proxy server.
// Changes are coalesced (one recompile per turn of the event loop). Secrets cannot be watched by a node
// (the node authorizer allows only single gets of Secrets an Ingress of ours names, see docs/decisions.md),
// so they are read when first named and re-read every secretRefreshMs (certificate rotation).
import type { ApiClient } from '../../../workers/kube/client';
import { StatusError } from '../../../workers/kube/status';
import { claims, INGRESS_CONTROLLER } from '../../../workers/kube/ingress/claim';
import { listWatch } from '../http';
import { ServiceWatch } from '../proxy/service-watch';
import { compileRoutes } from './compile';
import { IngressServer, type Log } from './server';
import type { Ingress, IngressClassLike, RouteTable, Secret } from './types';

export interface IngressProxyOptions {
  api: ApiClient;
  address?: string;
  httpPort: number;
  /** null: no HTTPS listener. */
  httpsPort: number | null;
  /** The controller name this proxy implements (IngressClass spec.controller). */
  controller?: string;
  secretRefreshMs?: number;
  log?: Log;
}

type Obj = Ingress | IngressClassLike;
const keyOf = (o: { metadata: { namespace?: string; name?: string } }) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export class IngressProxy {
  readonly server: IngressServer;
  private readonly services: ServiceWatch;
  private readonly ingresses = new Map<string, Ingress>();
  private readonly classes = new Map<string, IngressClassLike>();
  private readonly secrets = new Map<string, Secret>();
  private readonly listed = { ingresses: false, classes: false };
  private abort: AbortController | null = null;
  private loops: Promise<void>[] = [];
  private scheduled = false;
  private refresh: NodeJS.Timeout | null = null;
  private fetching = new Set<string>();
  private lastWarnings = '';
  private readonly log: Log;
  /** The table in force (tests and diagnostics). */
  table: RouteTable | null = null;
  ports: { httpPort: number; httpsPort: number | null } | null = null;

  constructor(private readonly opts: IngressProxyOptions) {
    this.log = opts.log ?? (() => undefined);
    this.server = new IngressServer({ address: opts.address, httpPort: opts.httpPort, httpsPort: opts.httpsPort, log: this.log });
    this.services = new ServiceWatch(opts.api, () => this.changed(), (e) => this.log('ingress service watch', { err: String(e) }));
  }

  async start(): Promise<void> {
    if (this.abort) return;
    this.ports = await this.server.start();
    const abort = (this.abort = new AbortController());
    this.services.start();
    this.loops = [
      this.watch<Ingress>('/apis/networking.k8s.io/v1/ingresses', this.ingresses, 'ingresses', abort.signal),
      this.watch<IngressClassLike>('/apis/networking.k8s.io/v1/ingressclasses', this.classes, 'classes', abort.signal),
    ];
    const every = this.opts.secretRefreshMs ?? 60_000;
    this.refresh = setInterval(() => void this.refreshSecrets(true), every);
    this.refresh.unref();
    this.log('ingress proxy listening', { address: this.opts.address ?? '0.0.0.0', ...this.ports, controller: this.controller });
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    if (this.refresh) clearInterval(this.refresh);
    await Promise.all([...this.loops, this.services.stop()]);
    await this.server.stop();
    this.abort = null;
  }

  private get controller(): string {
    return this.opts.controller ?? INGRESS_CONTROLLER;
  }

  private get synced(): boolean {
    return this.listed.ingresses && this.listed.classes && this.services.synced;
  }

  private claimed(): Ingress[] {
    const classes = [...this.classes.values()];
    return [...this.ingresses.values()].filter((i) => claims(i, classes, this.controller));
  }

  private changed(): void {
    if (!this.synced || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.refreshSecrets(false);
      this.recompile();
    });
  }

  private recompile(): void {
    const table = compileRoutes({ ingresses: this.claimed(), ...this.services.snapshot(), secrets: this.secrets });
    this.table = table;
    this.server.setTable(table);
    const warnings = table.warnings.join('\n');
    if (warnings && warnings !== this.lastWarnings) this.log('ingress routes', { warnings: table.warnings });
    this.lastWarnings = warnings;
  }

  /** The Secrets claimed Ingresses name: read new ones (all of them when `all`), forget the rest. */
  private async refreshSecrets(all: boolean): Promise<void> {
    if (!this.synced) return;
    const wanted = new Set<string>();
    for (const ing of this.claimed()) for (const t of ing.spec?.tls ?? []) if (t.secretName) wanted.add(`${ing.metadata.namespace}/${t.secretName}`);
    let changed = false;
    for (const k of this.secrets.keys()) if (!wanted.has(k)) (this.secrets.delete(k), (changed = true));
    const todo = [...wanted].filter((k) => (all || !this.secrets.has(k)) && !this.fetching.has(k));
    await Promise.all(
      todo.map(async (k) => {
        this.fetching.add(k);
        const [ns, name] = k.split('/');
        try {
          const s = await this.opts.api.get<Secret>(`/api/v1/namespaces/${encodeURIComponent(ns)}/secrets/${encodeURIComponent(name)}`);
          const before = this.secrets.get(k);
          if (before?.metadata.resourceVersion !== s.metadata.resourceVersion) (this.secrets.set(k, s), (changed = true));
        } catch (e) {
          // Gone, or not ours to read: serve without it (the table warns about the missing Secret).
          if (this.secrets.delete(k)) changed = true;
          if (!(e instanceof StatusError && e.code === 404)) this.log('ingress tls secret', { secret: k, err: String(e) });
        } finally {
          this.fetching.delete(k);
        }
      }),
    );
    if (changed) this.recompile();
  }

  private watch<T extends Obj>(path: string, store: Map<string, T>, kind: keyof IngressProxy['listed'], signal: AbortSignal): Promise<void> {
    return listWatch<T>({
      api: this.opts.api,
      path,
      signal,
      onList: (items) => {
        store.clear();
        for (const o of items) store.set(keyOf(o), o);
        this.listed[kind] = true;
        this.changed();
      },
      onEvent: (type, o) => {
        if (type === 'DELETED') store.delete(keyOf(o));
        else store.set(keyOf(o), o);
        this.changed();
      },
      onError: (e) => this.log(`ingress ${kind} watch`, { err: String(e) }),
    });
  }
}
