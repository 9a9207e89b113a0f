// The agent's configuration file (YAML), one zod schema: parsed once at start and passed through
// constructors, never read as a global. `join` writes it; `run` reads it.
import { z } from 'zod';
import { dns1123Subdomain } from '../../../workers/kube/validation/names';

export const CONFIG_API_VERSION = 'kubeflare.dev/v1alpha1';
export const CONFIG_KIND = 'AgentConfig';
export const DEFAULT_CONFIG_PATH = '/etc/kubeflare/agent.yaml';
export const DEFAULT_STATE_DIR = '/var/lib/kubeflare';
export const DEFAULT_METRICS_ADDRESS = '127.0.0.1:10249';

const httpsUrl = z.string().refine(
  (s) => {
    try {
      return new URL(s).protocol === 'https:';
    } catch {
      return false;
    }
  },
  { message: 'must be an https:// URL, e.g. https://203.0.113.10:6443' },
);

const pem = z.string().refine((s) => s.includes('-----BEGIN CERTIFICATE-----'), { message: 'must be a PEM certificate (-----BEGIN CERTIFICATE-----)' });

const nodeName = z.string().superRefine((s, ctx) => {
  for (const message of dns1123Subdomain(s)) ctx.addIssue({ code: 'custom', message });
});

const taint = z.object({
  key: z.string().min(1),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
});

/** "host:port" with a numeric port; an empty string turns the endpoint off. */
const listenAddress = z.string().regex(/^(|[^\s]*:\d{1,5})$/, { message: 'must be host:port (e.g. 127.0.0.1:10249), or "" to disable' });

export const agentConfigSchema = z
  .object({
    apiVersion: z.literal(CONFIG_API_VERSION).default(CONFIG_API_VERSION),
    kind: z.literal(CONFIG_KIND).default(CONFIG_KIND),
    /** The API server, e.g. https://203.0.113.10:6443. */
    server: httpsUrl,
    /** PEM of the CA that signed the server's certificate; absent: the system's trusted CAs. */
    caPem: pem.optional(),
    /** The node's bearer token (system:node:<name>). */
    token: z.string().min(1),
    nodeName,
    /** The Docker Engine API socket (Docker or podman); absent: detected at start. */
    runtimeSocket: z.string().optional(),
    /** Pod volumes, logs and the runtime's helper files live here. */
    stateDir: z.string().min(1).default(DEFAULT_STATE_DIR),
    /** The node's InternalIP; absent: the first non-loopback IPv4 address. */
    nodeIP: z.string().optional(),
    labels: z.record(z.string(), z.string()).default({}),
    /** Applied when the Node is registered (as the kubelet's --register-with-taints). */
    taints: z.array(taint).default([]),
    /** How often the Lease is renewed and the status recomputed (kubelet: nodeStatusUpdateFrequency). */
    heartbeatSeconds: z.number().int().min(1).max(300).default(10),
    /** The Lease's duration (kubelet: nodeLeaseDurationSeconds). */
    leaseDurationSeconds: z.number().int().min(1).default(40),
    /** An unchanged status is still re-posted this often (kubelet: nodeStatusReportFrequency). */
    statusReportSeconds: z.number().int().min(1).default(300),
    metricsAddress: listenAddress.default(DEFAULT_METRICS_ADDRESS),
    /**
     * How often every pod is synced again even without a change (kubelet: syncFrequency, 1 m): bounds how
     * long a ConfigMap or Secret volume takes to show an update.
     */
    syncFrequencySeconds: z.number().int().min(1).max(3600).default(60),
    /** How often pod and node usage is pushed for metrics.k8s.io (metrics-server: 15 s); 0 turns it off. */
    metricsPushSeconds: z.number().int().min(0).max(300).default(15),
    /**
     * Service networking on this node (agent/src/network): the pod network on the Node's podCIDR, routes
     * to the other nodes' podCIDRs, cluster DNS on a node-local address and the nftables service proxy.
     * Off by default until the shared test harnesses opt out (docs/agent.md); a real node turns it on.
     */
    network: z
      .object({
        enabled: z.boolean().default(false),
        /** Where pods find the cluster DNS (a dummy interface of the agent's holds it). */
        dnsAddress: z.string().default('169.254.20.10'),
        dnsInterface: z.string().min(1).max(15).default('kubeflare0'),
        clusterDomain: z.string().default('cluster.local'),
        /** The container-engine network pods attach to, and its bridge interface. */
        podNetwork: z.string().min(1).default('kubeflare'),
        bridge: z.string().min(1).max(15).default('kf0'),
        /** The agent's nftables table (family ip). */
        table: z.string().min(1).default('kubeflare'),
        /** Enforce NetworkPolicies on this node's pods (agent/src/netpol), in a table of their own. */
        networkPolicy: z.boolean().default(true),
        policyTable: z.string().min(1).default('kubeflare-netpol'),
      })
      .strict()
      .prefault({}),
    /**
     * The Ingress proxy (agent/src/ingress): serves Ingresses whose IngressClass names `controller` on
     * these ports of every address (a real node: 80/443). Off by default, like `network`.
     */
    ingress: z
      .object({
        enabled: z.boolean().default(false),
        address: z.string().default('0.0.0.0'),
        httpPort: z.number().int().min(1).max(65535).default(80),
        /** 0 turns HTTPS off. */
        httpsPort: z.number().int().min(0).max(65535).default(443),
        controller: z.string().min(1).default('kubeflare.dev/ingress'),
        /** TLS Secrets are re-read this often (a node may get them, not watch them). */
        secretRefreshSeconds: z.number().int().min(1).max(3600).default(60),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type AgentConfig = z.infer<typeof agentConfigSchema>;
/** What a caller writes: defaults may be left out. */
export type AgentConfigInput = z.input<typeof agentConfigSchema>;
