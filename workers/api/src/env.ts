import type { WatchChannel } from './watch/channel';
import type { Maintenance } from './maintenance';
import type { MetricsStore } from './metrics/store';
import type { NodeTunnel } from './tunnel/node-tunnel';

export interface Env {
  DB: D1Database;
  /** Audit events' own D1 database, so their writes never queue behind object writes (optional: DB). */
  AUDIT_DB?: D1Database;
  WATCH: DurableObjectNamespace<WatchChannel>;
  MAINTENANCE: DurableObjectNamespace<Maintenance>;
  /** One instance (idFromName('metrics')): the nodes' latest usage samples, in memory (metrics.k8s.io). */
  METRICS: DurableObjectNamespace<MetricsStore>;
  /** Seconds after which a node's metrics sample is dropped (default 120). */
  METRICS_MAX_AGE_SECONDS?: string;
  /** One per node (idFromName): the agent's stream tunnel for logs, exec, attach, port-forward. */
  NODE_TUNNEL: DurableObjectNamespace<NodeTunnel>;
  /** Change-log compaction window in seconds (default 300). */
  COMPACTION_WINDOW_SECONDS?: string;
  /** Newest revisions always kept by compaction (default 1000). */
  COMPACTION_MIN_KEEP?: string;
  /** Seconds new pods tolerate node.kubernetes.io/not-ready:NoExecute (default POD_EVICTION_TIMEOUT_SECONDS, else 300). */
  DEFAULT_NOT_READY_TOLERATION_SECONDS?: string;
  /** Seconds new pods tolerate node.kubernetes.io/unreachable:NoExecute (default POD_EVICTION_TIMEOUT_SECONDS, else 300). */
  DEFAULT_UNREACHABLE_TOLERATION_SECONDS?: string;
  /** The older knob the two above replace; a stack configured for fast eviction passes it to the API too. */
  POD_EVICTION_TIMEOUT_SECONDS?: string;
  /** Service cluster IP range (default 10.96.0.0/12). */
  SERVICE_CIDR?: string;
  /** Pod addresses: each Node gets a /24 of it as spec.podCIDR (default 10.244.0.0/16). */
  CLUSTER_CIDR?: string;
  /** How often a watch channel polls D1 for changes whose poke was lost, in ms (default 1000). */
  WATCH_POLL_MS?: string;
  /** ServiceAccount token signing key: a private JWK (EC P-256 or RSA) as JSON. A secret, never in D1. */
  SERVICE_ACCOUNT_SIGNING_KEY?: string;
  /** Extra public keys still accepted for verification (key rotation): a JWKS JSON `{"keys":[...]}`. */
  SERVICE_ACCOUNT_VERIFY_KEYS?: string;
  /** The `iss` of ServiceAccount tokens (default https://kubernetes.default.svc.cluster.local). */
  SERVICE_ACCOUNT_ISSUER?: string;
  /** Comma-separated audiences the API accepts and TokenRequest defaults to (default: the issuer). */
  SERVICE_ACCOUNT_API_AUDIENCES?: string;
  /** jwks_uri in the discovery document (default: <request origin>/openid/v1/jwks). */
  SERVICE_ACCOUNT_JWKS_URI?: string;
  /** Caps TokenRequest expirationSeconds (upstream --service-account-max-token-expiration). */
  SERVICE_ACCOUNT_MAX_TOKEN_EXPIRATION_SECONDS?: string;
  /** Secrets encryption at rest: `name:base64(32 bytes)` entries, comma-separated, first encrypts (store/encryption). A secret, never in D1. */
  SECRET_ENCRYPTION_KEYS?: string;
  /** The cluster CA (PEM) published as ConfigMap kube-root-ca.crt in every namespace. */
  KUBE_ROOT_CA_PEM?: string;
  /** Benchmarks only (auth/mode.ts): `AlwaysAllow` authorizes everything and admits tokenless requests as anonymous. */
  AUTHORIZATION_MODE?: string;
  /** Benchmarks only (auth/mode.ts): `none` runs no admission plugin. */
  ADMISSION_PLUGINS?: string;
  /** Audit (audit/config.ts): AUDIT_POLICY (Policy JSON/YAML), AUDIT_RETENTION_SECONDS, AUDIT_MAX_EVENTS. */
  AUDIT_POLICY?: string;
  AUDIT_RETENTION_SECONDS?: string;
  AUDIT_MAX_EVENTS?: string;
  /** Per-identity rate, concurrency and watch limits (limits/config.ts). */
  LIMITS_QPS?: string;
  LIMITS_BURST?: string;
  LIMITS_MAX_INFLIGHT?: string;
  LIMITS_MAX_WATCHES_PER_USER?: string;
  LIMITS_MAX_WATCHES?: string;
  LIMITS_SYSTEM_FACTOR?: string;
  LIMITS_DISABLED?: string;
}
