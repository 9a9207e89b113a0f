// Services and EndpointSlices kept current by list-watch: what both the service proxy and the cluster
// DNS server read. onChange fires only once both lists have arrived, so a consumer never acts on a
// half-known cluster (e.g. Services without their endpoints, which would reject every connection).
import type { ApiClient } from '../../../workers/kube/client';
import { listWatch } from '../http';
import type { EndpointSlice, Service } from './types';

type Obj = Service | EndpointSlice;
const keyOf = (o: Obj) => `${o.metadata.namespace}/${o.metadata.name}`;

export class ServiceWatch {
  private readonly services = new Map<string, Service>();
  private readonly slices = new Map<string, EndpointSlice>();
  private listed = { services: false, slices: false };
  private abort: AbortController | null = null;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly api: ApiClient,
    private readonly onChange: () => void,
    private readonly onError?: (err: unknown) => void,
  ) {}

  get synced(): boolean {
    return this.listed.services && this.listed.slices;
  }

  snapshot(): { services: Service[]; endpointSlices: EndpointSlice[] } {
    return { services: [...this.services.values()], endpointSlices: [...this.slices.values()] };
  }

  start(): void {
    if (this.abort) return;
    const abort = (this.abort = new AbortController());
    this.loops = [
      this.watch<Service>('/api/v1/services', this.services, 'services', abort.signal),
      this.watch<EndpointSlice>('/apis/discovery.k8s.io/v1/endpointslices', this.slices, 'slices', abort.signal),
    ];
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await Promise.all(this.loops);
    this.abort = null;
  }

  private watch<T extends Obj>(path: string, store: Map<string, T>, kind: 'services' | 'slices', signal: AbortSignal): Promise<void> {
    return listWatch<T>({
      api: this.api,
      path,
      signal,
      onList: (items) => {
        store.clear();
        for (const o of items) store.set(keyOf(o), o);
        this.listed[kind] = true;
        if (this.synced) this.onChange();
      },
      onEvent: (type, o) => {
        if (type === 'DELETED') store.delete(keyOf(o));
        else store.set(keyOf(o), o);
        if (this.synced) this.onChange();
      },
      onError: this.onError,
    });
  }
}
