// Pods, Namespaces and NetworkPolicies of the whole cluster, kept current by list-watch: a policy on
// this node's pods may name any pod of any namespace as a peer. Pods are narrowed to the fields policies
// read as they arrive, so the cache holds addresses, labels and ports, not whole pod specs.
import type { ApiClient } from '../../../workers/kube/client';
import { listWatch } from '../http';
import type { Namespace, NetworkPolicy, Pod } from './types';

type Kind = 'pods' | 'namespaces' | 'policies';
const PATHS: Record<Kind, string> = { pods: '/api/v1/pods', namespaces: '/api/v1/namespaces', policies: '/apis/networking.k8s.io/v1/networkpolicies' };
const keyOf = (o: { metadata: { namespace?: string; name?: string } }) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;

/** What policies read of a pod (and nothing else: env, volumes and the rest stay out of memory). */
export function narrowPod(p: Pod): Pod {
  return {
    metadata: { namespace: p.metadata.namespace, name: p.metadata.name, labels: p.metadata.labels },
    spec: { nodeName: p.spec?.nodeName, hostNetwork: p.spec?.hostNetwork, containers: (p.spec?.containers ?? []).map((c) => ({ ports: c.ports?.map((x) => ({ name: x.name, containerPort: x.containerPort, protocol: x.protocol })) })) },
    status: { phase: p.status?.phase, podIP: p.status?.podIP, podIPs: p.status?.podIPs },
  };
}

export class PolicyWatch {
  private readonly stores = { pods: new Map<string, Pod>(), namespaces: new Map<string, Namespace>(), policies: new Map<string, NetworkPolicy>() };
  private readonly listed = new Set<Kind>();
  private abort: AbortController | null = null;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly api: ApiClient,
    private readonly onChange: () => void,
    private readonly onError?: (err: unknown) => void,
  ) {}

  /** All three lists have arrived: acting earlier could isolate a pod without its allow rules. */
  get synced(): boolean {
    return this.listed.size === 3;
  }

  snapshot(): { pods: Pod[]; namespaces: Namespace[]; policies: NetworkPolicy[] } {
    return { pods: [...this.stores.pods.values()], namespaces: [...this.stores.namespaces.values()], policies: [...this.stores.policies.values()] };
  }

  start(): void {
    if (this.abort) return;
    const abort = (this.abort = new AbortController());
    this.loops = (Object.keys(PATHS) as Kind[]).map((kind) => this.watch(kind, abort.signal));
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await Promise.all(this.loops);
    this.abort = null;
  }

  private watch(kind: Kind, signal: AbortSignal): Promise<void> {
    const store = this.stores[kind] as Map<string, Pod | Namespace | NetworkPolicy>;
    const narrow = (o: Pod | Namespace | NetworkPolicy) => (kind === 'pods' ? narrowPod(o as Pod) : o);
    return listWatch<Pod & { metadata: { resourceVersion?: string } }>({
      api: this.api,
      path: PATHS[kind],
      signal,
      onList: (items) => {
        store.clear();
        for (const o of items) store.set(keyOf(o), narrow(o));
        this.listed.add(kind);
        if (this.synced) this.onChange();
      },
      onEvent: (type, o) => {
        if (type === 'DELETED') store.delete(keyOf(o));
        else store.set(keyOf(o), narrow(o));
        if (this.synced) this.onChange();
      },
      onError: this.onError,
    });
  }
}
