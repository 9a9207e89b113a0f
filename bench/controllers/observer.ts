// What the node-failure phase watches while it waits: every Node (Ready transitions and readiness
// taints, logged as they happen, each marked as a silenced node or a healthy one wrongly declared
// failed) and the Deployment's pods (Ready or not, where). Fed by two watches, so the waiting costs
// the single workerd thread no repeated 1,000-pod lists.
import { listWatch } from '../../agent/src/http/list-watch';
import type { ApiClient } from '../../workers/kube/client';

interface Condition {
  type: string;
  status: string;
}
interface Taint {
  key: string;
  effect: string;
}
export interface NodeView {
  metadata: { name: string; resourceVersion?: string };
  spec?: { taints?: Taint[] };
  status?: { conditions?: Condition[] };
}
export interface PodView {
  metadata: { name: string; uid?: string; resourceVersion?: string; deletionTimestamp?: string };
  spec: { nodeName?: string };
  status?: { conditions?: Condition[] };
}

const READINESS_TAINTS = new Set(['node.kubernetes.io/unreachable', 'node.kubernetes.io/not-ready']);
export const nodeReady = (n: NodeView) => n.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'none';
export const podReady = (p: PodView) => !p.metadata.deletionTimestamp && (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
const noExecute = (n: NodeView) => (n.spec?.taints ?? []).some((t) => READINESS_TAINTS.has(t.key) && t.effect === 'NoExecute');

export interface ObserverOptions {
  api: ApiClient;
  podLabelSelector: string;
  /** Whether the bench silenced this node on purpose. */
  isSilenced(node: string): boolean;
  /** Seconds since the simulator last renewed this node's Lease (for healthy nodes declared failed). */
  leaseAge?(node: string): number | undefined;
  log(m: string): void;
}

export class ClusterObserver {
  readonly nodes = new Map<string, NodeView>();
  readonly pods = new Map<string, PodView>();
  /** Healthy (not silenced) nodes the controller declared not Ready, ever. */
  readonly falselyNotReady = new Set<string>();
  /** Silenced nodes that got a NoExecute readiness taint, with when (performance.now()). */
  readonly tainted = new Map<string, number>();
  /** Silenced nodes declared not Ready, with when (performance.now()). */
  readonly notReady = new Map<string, number>();
  private readonly abort = new AbortController();
  private readonly loops: Promise<void>[] = [];
  private synced = { nodes: false, pods: false };
  /** Zero point for the times in the log lines (performance.now()); set by mark(). */
  private t0 = performance.now();

  constructor(private readonly opts: ObserverOptions) {}

  start(): void {
    const { api } = this.opts;
    const onError = (what: string) => (e: unknown) => this.opts.log(`observer: ${what} watch failed: ${e instanceof Error ? e.message : String(e)}`);
    this.loops.push(
      listWatch<NodeView>({
        api,
        path: '/api/v1/nodes',
        signal: this.abort.signal,
        onList: (items) => {
          for (const n of items) this.seeNode(n);
          this.synced.nodes = true;
        },
        onEvent: (type, n) => (type === 'DELETED' ? this.nodes.delete(n.metadata.name) : this.seeNode(n)),
        onError: onError('node'),
      }),
      listWatch<PodView>({
        api,
        path: '/api/v1/pods',
        params: { labelSelector: this.opts.podLabelSelector },
        signal: this.abort.signal,
        onList: (items) => {
          this.pods.clear();
          for (const p of items) this.pods.set(p.metadata.uid ?? p.metadata.name, p);
          this.synced.pods = true;
        },
        onEvent: (type, p) => (type === 'DELETED' ? this.pods.delete(p.metadata.uid ?? p.metadata.name) : this.pods.set(p.metadata.uid ?? p.metadata.name, p)),
        onError: onError('pod'),
      }),
    );
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.loops);
  }

  /** Starts the clock the log lines count from. */
  mark(): void {
    this.t0 = performance.now();
  }

  get ready(): boolean {
    return this.synced.nodes && this.synced.pods;
  }

  readyPods(excluding?: ReadonlySet<string>): number {
    let n = 0;
    for (const p of this.pods.values()) if (podReady(p) && !excluding?.has(p.spec.nodeName ?? '')) n++;
    return n;
  }

  /** One line on where the pods and nodes stand. */
  summary(): string {
    let ready = 0;
    let unbound = 0;
    let deleting = 0;
    for (const p of this.pods.values()) {
      if (p.metadata.deletionTimestamp) deleting++;
      else if (!p.spec.nodeName) unbound++;
      else if (podReady(p)) ready++;
    }
    const counts = new Map<string, number>();
    for (const n of this.nodes.values()) counts.set(nodeReady(n), (counts.get(nodeReady(n)) ?? 0) + 1);
    const nodes = [...counts].map(([s, c]) => `${s}=${c}`).join(' ');
    return `pods ${this.pods.size} (ready ${ready}, unbound ${unbound}, deleting ${deleting}); nodes ${nodes}; tainted NoExecute ${this.tainted.size}; healthy nodes declared not Ready ${this.falselyNotReady.size}`;
  }

  private seeNode(n: NodeView): void {
    const name = n.metadata.name;
    const before = this.nodes.get(name);
    this.nodes.set(name, n);
    const t = ((performance.now() - this.t0) / 1000).toFixed(1);
    const silenced = this.opts.isSilenced(name);
    const was = before ? nodeReady(before) : undefined;
    const now = nodeReady(n);
    if (before && was !== now) {
      if (!silenced && now !== 'True') {
        this.falselyNotReady.add(name);
        const age = this.opts.leaseAge?.(name);
        this.opts.log(`  +${t}s node ${name} Ready ${was} → ${now} while HEALTHY (simulator's last renewal ${age === undefined ? '?' : `${age.toFixed(1)} s`} ago)`);
      } else if (!silenced) this.opts.log(`  +${t}s node ${name} Ready ${was} → ${now}`);
    }
    if (silenced && now !== 'True' && !this.notReady.has(name)) this.notReady.set(name, performance.now());
    if (silenced && noExecute(n) && !this.tainted.has(name)) this.tainted.set(name, performance.now());
  }
}
