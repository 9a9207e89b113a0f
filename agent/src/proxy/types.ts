// The objects the service proxy reads, narrowed to the fields it uses. They are the API's own types
// (the zod-derived ServiceSpec and EndpointSlice endpoint/port), so a listed object can be passed as is.
import type { KObject } from '../../../workers/kube/registry/types';
import type { ServiceSpec } from '../../../workers/kube/resources/core/service/schema';
import type { Endpoint, EndpointPort } from '../../../workers/kube/resources/discovery/endpoint-slice-schema';

export type { Endpoint, EndpointPort, ServiceSpec };

export interface Service extends KObject {
  spec?: ServiceSpec;
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

export interface EndpointSlice extends KObject {
  addressType: string;
  endpoints?: Endpoint[];
  ports?: EndpointPort[];
}

export interface RenderInput {
  /** This node's name: endpoints with the same nodeName are local (traffic policies). */
  nodeName: string;
  /** Addresses that serve NodePorts and (like k3s' servicelb) LoadBalancer ports on this node. */
  nodeIPs: string[];
  services: Service[];
  endpointSlices: EndpointSlice[];
  /** The agent's own nftables table (family ip); default "kubeflare". */
  tableName?: string;
}

export const DEFAULT_TABLE = 'kubeflare';
/** Packet mark bit asking postrouting to masquerade; the same bit kube-proxy uses. */
export const MASQUERADE_MARK = '0x4000';
/** Session affinity lifetime when the Service does not say (upstream's default, 3 h). */
export const DEFAULT_AFFINITY_SECONDS = 10800;
