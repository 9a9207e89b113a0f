// Keeps this host's Node and Lease current: registers the Node (create, or update labels and status if
// it exists), renews the Lease every heartbeat, and posts the status only when it changed or every
// statusReportSeconds, so thousands of nodes do not write a full Node every 10 s (kubelet behaviour
// since node leases).
import type { ApiClient } from '../../../workers/kube/client';
import { StatusError } from '../../../workers/kube/status';
import type { ContainerRuntime } from '../runtime/types';
import type { HostFacts } from './host';
import { NodeLease } from './lease';
import { nodeLabels, nodeObject, nodeStatus, shouldReport, statusKey, type NodeCondition, type NodeInputs, type NodeStatus, type Taint } from './status';

export type NodeApi = Pick<ApiClient, 'getOrNull' | 'get' | 'create' | 'update' | 'patch'>;
export type NodeRuntime = Pick<ContainerRuntime, 'version' | 'listImages'>;
export type Log = (msg: string, fields?: Record<string, unknown>) => void;

export interface NodeManagerOptions {
  api: NodeApi;
  runtime: NodeRuntime;
  nodeName: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  heartbeatSeconds: number;
  leaseDurationSeconds: number;
  statusReportSeconds: number;
  readFacts: () => Promise<HostFacts>;
  log?: Log;
  /** Called after each successful Lease renewal (metrics). */
  onHeartbeat?: () => void;
}

interface NodeObject {
  metadata: { uid?: string; labels?: Record<string, string> };
  status?: { conditions?: NodeCondition[] };
}

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class NodeManager {
  readonly counters = { statusWrites: 0, leaseRenewals: 0, errors: 0 };
  private readonly lease: NodeLease;
  private uid: string | undefined;
  private conditions: NodeCondition[] | undefined;
  private lastReport: { key: string; at: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private registered = false;

  constructor(private readonly opts: NodeManagerOptions) {
    this.lease = new NodeLease(opts.api, opts.nodeName, opts.leaseDurationSeconds);
  }

  private get path() {
    return `/api/v1/nodes/${encodeURIComponent(this.opts.nodeName)}`;
  }

  /** Host facts and the runtime's answers; a runtime that does not answer makes the node NotReady. */
  async inputs(): Promise<NodeInputs> {
    const [facts, runtime, images] = await Promise.all([
      this.opts.readFacts(),
      this.opts.runtime.version().catch((e: unknown) => {
        this.opts.log?.('container runtime is down', { err: errText(e) });
        return undefined;
      }),
      this.opts.runtime.listImages().catch(() => []),
    ]);
    return { nodeName: this.opts.nodeName, facts, runtime, images, labels: this.opts.labels };
  }

  /** Creates the Node, or brings an existing one's labels and status up to date. */
  async register(now = Date.now()): Promise<void> {
    const inputs = await this.inputs();
    let node: NodeObject;
    try {
      node = await this.opts.api.create<NodeObject>('/api/v1/nodes', nodeObject(inputs, this.opts.taints ?? [], now));
      this.opts.log?.('node registered', { node: this.opts.nodeName });
    } catch (e) {
      if (!(e instanceof StatusError && e.code === 409)) throw e;
      // Labels we own are re-applied; others (added by an operator) stay. Taints are left alone.
      node = await this.opts.api.patch<NodeObject>(this.path, { metadata: { labels: nodeLabels(this.opts.nodeName, inputs.facts, this.opts.labels) } });
      this.opts.log?.('node already registered; updating it', { node: this.opts.nodeName });
    }
    this.uid = node.metadata.uid;
    this.conditions = node.status?.conditions;
    this.registered = true;
    this.lastReport = undefined; // the first status after registration is always posted
    await this.postStatus(nodeStatus(inputs, this.conditions, now), now);
  }

  private async postStatus(status: NodeStatus, now: number) {
    const node = await this.opts.api.patch<NodeObject>(`${this.path}/status`, { status });
    this.counters.statusWrites++;
    this.conditions = node.status?.conditions ?? status.conditions;
    this.lastReport = { key: statusKey(status), at: now };
  }

  /** One heartbeat: renew the Lease; post the status if it changed or is due. */
  async heartbeat(now = Date.now()): Promise<void> {
    if (!this.registered) return this.register(now);
    try {
      await this.lease.renew(this.uid, now);
      this.counters.leaseRenewals++;
      this.opts.onHeartbeat?.();
    } catch (e) {
      this.counters.errors++;
      this.opts.log?.('lease renewal failed', { node: this.opts.nodeName, err: errText(e) });
    }
    try {
      const status = nodeStatus(await this.inputs(), this.conditions, now);
      if (shouldReport(this.lastReport, statusKey(status), now, this.opts.statusReportSeconds * 1000)) await this.postStatus(status, now);
    } catch (e) {
      this.counters.errors++;
      // The Node was deleted under us: register it again on the next beat, as a restarted kubelet would.
      if (e instanceof StatusError && e.code === 404) this.registered = false;
      this.opts.log?.('node status update failed', { node: this.opts.nodeName, err: errText(e) });
    }
  }

  /** Registers, then beats every heartbeatSeconds; a beat still running makes the next one skip. */
  async start(): Promise<void> {
    await this.register();
    await this.lease.renew(this.uid, Date.now()).then(() => {
      this.counters.leaseRenewals++;
      this.opts.onHeartbeat?.();
    });
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.heartbeat()
        .catch((e: unknown) => {
          this.counters.errors++;
          this.opts.log?.('heartbeat failed', { node: this.opts.nodeName, err: errText(e) });
        })
        .finally(() => (this.running = undefined));
    }, this.opts.heartbeatSeconds * 1000);
  }

  /** Stops beating; the Node and Lease stay (the node lifecycle controller notices the silence). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
