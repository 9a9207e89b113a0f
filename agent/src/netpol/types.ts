// The objects the NetworkPolicy enforcer reads, narrowed to the fields it uses: the API's own types,
// so listed objects can be passed as they are.
import type { KObject } from '../../../workers/kube/registry/types';
import type { NetworkPolicySpec } from '../../../workers/kube/resources/networking/network-policy-schema';

export type { NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicySpec } from '../../../workers/kube/resources/networking/network-policy-schema';

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

export interface Pod extends KObject {
  spec?: { nodeName?: string; hostNetwork?: boolean; containers?: { ports?: ContainerPort[] }[] };
  status?: { phase?: string; podIP?: string; podIPs?: { ip: string }[] };
}

export type Namespace = KObject;

export interface NetworkPolicy extends KObject {
  spec?: NetworkPolicySpec;
}

export interface NetpolInput {
  /** This node: only its own pods are enforced here (every node enforces its own). */
  nodeName: string;
  pods: Pod[];
  namespaces: Namespace[];
  policies: NetworkPolicy[];
  /** The agent's nftables table for policies (family ip); default "kubeflare-netpol". */
  tableName?: string;
}

export const DEFAULT_NETPOL_TABLE = 'kubeflare-netpol';
/** The service proxy's masquerade bit (proxy/types.ts MASQUERADE_MARK): such traffic must be left to it. */
export const PROXY_MASQUERADE_MARK = '0x4000';
