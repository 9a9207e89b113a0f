// The agent's networking role (what a CNI bridge plugin, kube-proxy and NodeLocal DNSCache do on a
// Kubernetes node), started before the kubelet:
//   1. the pod network: a container-engine bridge network with this Node's spec.podCIDR (pod-network.ts);
//   2. routes to the other nodes' podCIDRs via their InternalIP, kept in sync from Node objects (routes.ts);
//   3. the cluster DNS server on a node-local address on a dummy interface (local-address.ts), which the
//      kubelet writes into pods' resolv.conf (clusterDNS);
//   4. the service proxy: Services + EndpointSlices → the agent's nftables table;
//   5. NetworkPolicy enforcement: Pods + Namespaces + NetworkPolicies → a second table (agent/src/netpol).
// Each step that cannot run here (no nft, no permission, no podCIDR) is logged and skipped; the rest runs.
// stop() leaves rules, routes, interface and network in place (traffic keeps flowing while the agent
// restarts, as with kube-proxy); cleanupNodeNetwork() removes them.
import type { ApiClient } from '../../../workers/kube/client';
import { ClusterDns } from '../dns/cluster-dns';
import { listWatch } from '../http/list-watch';
import { nftApplier, removeRules } from '../proxy/apply';
import { ServiceProxy } from '../proxy/service-proxy';
import { PolicyEnforcer } from '../netpol/enforcer';
import { enableBridgeNetfilter } from '../netpol/bridge-netfilter';
import { DEFAULT_NETPOL_TABLE } from '../netpol/types';
import { DEFAULT_TABLE } from '../proxy/types';
import { run as runCommand, type Run } from './exec';
import { ensureLocalAddress, removeLocalAddress } from './local-address';
import { ensurePodNetwork, removePodNetwork } from './pod-network';
import { removeRoutes, syncRoutes, type NodeLike } from './routes';

export type Log = (msg: string, fields?: Record<string, unknown>) => void;

export interface NodeNetworkSettings {
  /** The DNS server's node-local address (NodeLocal DNSCache's default: 169.254.20.10). */
  dnsAddress: string;
  /** The dummy interface holding dnsAddress. */
  dnsInterface: string;
  dnsPort: number;
  clusterDomain: string;
  /** The container-engine network pods attach to, and its bridge interface. */
  podNetwork: string;
  bridge: string;
  /** The agent's nftables table. */
  table: string;
  /** Enforce NetworkPolicies, in this table of their own. */
  networkPolicy: boolean;
  policyTable: string;
}

export const DEFAULT_NETWORK: NodeNetworkSettings = {
  dnsAddress: '169.254.20.10',
  dnsInterface: 'kubeflare0',
  dnsPort: 53,
  clusterDomain: 'cluster.local',
  podNetwork: 'kubeflare',
  bridge: 'kf0',
  table: DEFAULT_TABLE,
  networkPolicy: true,
  policyTable: DEFAULT_NETPOL_TABLE,
};

export interface NodeNetworkOptions {
  api: ApiClient;
  nodeName: string;
  /** The node's InternalIP: NodePorts and LoadBalancer ports answer on it. */
  hostIP: string;
  /** The container engine's socket (the pod network is created through it); absent: no pod network. */
  runtimeSocket?: string;
  settings?: Partial<NodeNetworkSettings>;
  log?: Log;
  /** How long to wait for the Node's spec.podCIDR (default 30 s). */
  podCIDRTimeoutMs?: number;
}

export class NodeNetwork {
  readonly settings: NodeNetworkSettings;
  private proxy: ServiceProxy | null = null;
  private policies: PolicyEnforcer | null = null;
  private dns: ClusterDns | null = null;
  private abort: AbortController | null = null;
  private routesLoop: Promise<void> | null = null;
  private podCIDR: string | undefined;
  private podNetworkReady = false;
  private dnsReady = false;
  private readonly log: Log;

  constructor(private readonly opts: NodeNetworkOptions) {
    this.settings = { ...DEFAULT_NETWORK, ...opts.settings };
    this.log = opts.log ?? (() => undefined);
  }

  /** What the kubelet writes into pods' resolv.conf; empty when the DNS server is not running. */
  get clusterDNS(): string[] {
    return this.dnsReady ? [this.settings.dnsAddress] : [];
  }

  /** The network pods attach to; undefined (the engine's default) when it could not be made. */
  get podNetwork(): string | undefined {
    return this.podNetworkReady ? this.settings.podNetwork : undefined;
  }

  get serviceProxy(): ServiceProxy | null {
    return this.proxy;
  }

  async start(): Promise<void> {
    const s = this.settings;
    this.abort = new AbortController();
    this.podCIDR = await this.waitForPodCIDR();
    if (this.podCIDR && this.opts.runtimeSocket) {
      try {
        const r = await ensurePodNetwork(this.opts.runtimeSocket, { name: s.podNetwork, subnet: this.podCIDR, bridge: s.bridge });
        this.podNetworkReady = true;
        this.log('pod network', { network: s.podNetwork, subnet: this.podCIDR, bridge: s.bridge, state: r });
      } catch (e) {
        this.log('pod network unavailable: pods use the engine’s default network', { err: String(e) });
      }
    } else {
      this.log('no pod network: pods use the engine’s default network', { podCIDR: this.podCIDR ?? 'none', runtimeSocket: this.opts.runtimeSocket ?? 'none' });
    }
    this.routesLoop = this.followNodes(this.abort.signal);

    try {
      await ensureLocalAddress({ iface: s.dnsInterface, address: s.dnsAddress });
      this.dns = new ClusterDns({ api: this.opts.api, host: s.dnsAddress, port: s.dnsPort, domain: s.clusterDomain, onError: (e) => this.log('cluster dns', { err: String(e) }) });
      await this.dns.start();
      this.dnsReady = true;
      this.log('cluster dns serving', { address: `${s.dnsAddress}:${this.dns.server.port}`, iface: s.dnsInterface, domain: s.clusterDomain });
    } catch (e) {
      await this.dns?.stop().catch(() => undefined);
      this.dns = null;
      this.log('cluster dns unavailable: pods get the host’s resolv.conf', { err: String(e) });
    }

    try {
      const apply = await nftApplier();
      this.proxy = new ServiceProxy({
        api: this.opts.api,
        nodeName: this.opts.nodeName,
        nodeIPs: [this.opts.hostIP],
        tableName: s.table,
        apply,
        onError: (e) => this.log('service proxy', { err: String(e) }),
      });
      this.proxy.start();
      this.log('service proxy running', { table: `ip ${s.table}`, nodeIPs: [this.opts.hostIP] });
    } catch (e) {
      this.log('service proxy not running (Services will not be reachable by ClusterIP or NodePort on this node)', { err: String(e) });
    }
    if (s.networkPolicy) await this.startPolicies();
  }

  get policyEnforcer(): PolicyEnforcer | null {
    return this.policies;
  }

  private async startPolicies(): Promise<void> {
    const s = this.settings;
    try {
      // Pods on one bridge reach each other without routing: only with bridge netfilter do their
      // packets pass the forward hook the policies live in (what kubeadm asks of every node).
      await enableBridgeNetfilter().catch((e: unknown) => this.log('bridge netfilter', { err: String(e) }));
      const apply = await nftApplier();
      this.policies = new PolicyEnforcer({ api: this.opts.api, nodeName: this.opts.nodeName, tableName: s.policyTable, apply, onError: (e) => this.log('network policies', { err: String(e) }) });
      this.policies.start();
      this.log('network policies enforced', { table: `ip ${s.policyTable}` });
    } catch (e) {
      this.log('network policies not enforced on this node', { err: String(e) });
    }
  }

  /** Stops following the API; rules, routes, interface and network stay. */
  async stop(): Promise<void> {
    this.abort?.abort();
    await this.routesLoop;
    await this.proxy?.stop();
    await this.policies?.stop();
    await this.dns?.stop();
    this.proxy = null;
    this.policies = null;
    this.dns = null;
    this.dnsReady = false;
  }

  private async waitForPodCIDR(): Promise<string | undefined> {
    const end = Date.now() + (this.opts.podCIDRTimeoutMs ?? 30_000);
    for (;;) {
      try {
        const node = await this.opts.api.get<NodeLike>(`/api/v1/nodes/${this.opts.nodeName}`);
        if (node.spec?.podCIDR) return node.spec.podCIDR;
      } catch (e) {
        this.log('reading the node for its podCIDR', { err: String(e) });
      }
      if (Date.now() > end || this.abort?.signal.aborted) return undefined;
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** Node list-watch → routes; one sync at a time, the latest state wins. */
  private followNodes(signal: AbortSignal): Promise<void> {
    const nodes = new Map<string, NodeLike & { metadata: { resourceVersion?: string } }>();
    let running: Promise<void> | null = null;
    let again = false;
    const sync = () => {
      if (running) {
        again = true;
        return;
      }
      running = (async () => {
        do {
          again = false;
          try {
            const cmds = await syncRoutes([...nodes.values()], this.opts.nodeName);
            if (cmds.length) this.log('pod routes', { changes: cmds.map((c) => c.slice(2, 6).join(' ')) });
          } catch (e) {
            this.log('pod routes', { err: String(e) });
          }
        } while (again && !signal.aborted);
      })().finally(() => (running = null));
    };
    return listWatch<NodeLike & { metadata: { resourceVersion?: string } }>({
      api: this.opts.api,
      path: '/api/v1/nodes',
      signal,
      onList: (items) => {
        nodes.clear();
        for (const n of items) nodes.set(n.metadata.name ?? '', n);
        sync();
      },
      onEvent: (type, n) => {
        if (type === 'DELETED') nodes.delete(n.metadata.name ?? '');
        else nodes.set(n.metadata.name ?? '', n);
        sync();
      },
      onError: (e) => this.log('node watch', { err: String(e) }),
    }).then(async () => {
      while (running) await running;
    });
  }
}

/** `--cleanup` / uninstall: removes the table, routes, DNS interface and pod network (each best-effort). */
export async function cleanupNodeNetwork(opts: { runtimeSocket?: string; settings?: Partial<NodeNetworkSettings>; log?: Log; netns?: string }): Promise<string[]> {
  const s = { ...DEFAULT_NETWORK, ...opts.settings };
  // Tests run it against a network namespace of theirs.
  const run: Run = opts.netns ? (argv) => runCommand(['ip', 'netns', 'exec', opts.netns!, ...argv]) : runCommand;
  const failed: string[] = [];
  const step = async (what: string, f: () => Promise<void>) => {
    try {
      await f();
      opts.log?.('removed', { what });
    } catch (e) {
      failed.push(`${what}: ${String(e)}`);
      opts.log?.('could not remove', { what, err: String(e) });
    }
  };
  await step(`nftables table ip ${s.table}`, () => removeRules(s.table, { netns: opts.netns }));
  await step(`nftables table ip ${s.policyTable}`, () => removeRules(s.policyTable, { netns: opts.netns }));
  await step('pod routes', () => removeRoutes(run));
  await step(`interface ${s.dnsInterface}`, () => removeLocalAddress({ iface: s.dnsInterface }, run));
  if (opts.runtimeSocket) await step(`network ${s.podNetwork}`, () => removePodNetwork(opts.runtimeSocket!, s.podNetwork));
  return failed;
}
