// Cluster IPs and node ports for Services: filled in when missing, checked when given, and turned into
// allocation rows that the store writes in the same batch as the Service (so they never collide).
import type { KObject } from '../../../kube/registry/types';
import { type StatusError, invalid } from '../../../kube/status';
import type { Allocation, AllocationChange } from '../store';
import { type Cidr, contains, parseCidr, randomAddress } from './cidr';

export const DEFAULT_SERVICE_CIDR = '10.96.0.0/12';
export const NODE_PORT_RANGE = { min: 30000, max: 32767 };

interface ServicePort {
  port?: number;
  nodePort?: number;
  protocol?: string;
}
interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports?: ServicePort[];
}

const wantsIp = (s: ServiceSpec) => s.type !== 'ExternalName' && s.clusterIP !== 'None';
const wantsNodePorts = (s: ServiceSpec) => s.type === 'NodePort' || s.type === 'LoadBalancer';

let cidrCache: { text: string; cidr: Cidr } | undefined;
export function serviceCidr(text = DEFAULT_SERVICE_CIDR): Cidr {
  if (cidrCache?.text !== text) cidrCache = { text, cidr: parseCidr(text) };
  return cidrCache.cidr;
}

/** What a Service holds. */
export function serviceAllocations(svc: KObject): Allocation[] {
  const spec = (svc.spec ?? {}) as ServiceSpec;
  const out: Allocation[] = [];
  if (wantsIp(spec) && spec.clusterIP) out.push({ kind: 'service-ip', value: spec.clusterIP });
  if (wantsNodePorts(spec)) {
    for (const p of new Set((spec.ports ?? []).map((p) => p.nodePort).filter((n): n is number => !!n))) out.push({ kind: 'node-port', value: String(p) });
  }
  return out;
}

export function allocationDiff(next: Allocation[], old: Allocation[]): AllocationChange {
  const key = (a: Allocation) => `${a.kind}/${a.value}`;
  const had = new Set(old.map(key));
  const has = new Set(next.map(key));
  return { add: next.filter((a) => !had.has(key(a))), remove: old.filter((a) => !has.has(key(a))) };
}

/**
 * Fills in a cluster IP and node ports where the Service needs them and the client gave none (values
 * the old object already held are kept). Returns which values the client asked for explicitly.
 */
export function assignServiceAddresses(svc: KObject, cidr: Cidr, old?: KObject): { explicit: Set<string> } {
  const spec = (svc.spec ?? {}) as ServiceSpec;
  const oldSpec = (old?.spec ?? {}) as ServiceSpec;
  const explicit = new Set<string>();
  const name = svc.metadata.name ?? '';
  if (wantsIp(spec)) {
    if (spec.clusterIP && spec.clusterIP !== oldSpec.clusterIP) {
      explicit.add(`service-ip/${spec.clusterIP}`);
      if (!contains(cidr, spec.clusterIP)) {
        throw invalid('Service', '', name, [
          {
            reason: 'FieldValueInvalid',
            field: 'spec.clusterIPs',
            message: `Invalid value: ${JSON.stringify([spec.clusterIP])}: failed to allocate IP ${spec.clusterIP}: the provided IP (${spec.clusterIP}) is not in the valid range. The range of valid IPs is ${cidr.text}`,
          },
        ]);
      }
    }
    if (!spec.clusterIP) spec.clusterIP = randomAddress(cidr);
    spec.clusterIPs = [spec.clusterIP];
  }
  if (wantsNodePorts(spec)) {
    const used = new Set((spec.ports ?? []).map((p) => p.nodePort).filter(Boolean));
    const previous = new Set((oldSpec.ports ?? []).map((p) => p.nodePort).filter(Boolean));
    for (const [i, p] of (spec.ports ?? []).entries()) {
      if (p.nodePort) {
        if (!previous.has(p.nodePort)) explicit.add(`node-port/${p.nodePort}`);
        if (p.nodePort < NODE_PORT_RANGE.min || p.nodePort > NODE_PORT_RANGE.max) {
          throw invalid('Service', '', name, [
            {
              reason: 'FieldValueInvalid',
              field: `spec.ports[${i}].nodePort`,
              message: `Invalid value: ${p.nodePort}: provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`,
            },
          ]);
        }
        continue;
      }
      let candidate: number;
      do candidate = NODE_PORT_RANGE.min + (crypto.getRandomValues(new Uint32Array(1))[0] % (NODE_PORT_RANGE.max - NODE_PORT_RANGE.min + 1));
      while (used.has(candidate));
      used.add(candidate);
      p.nodePort = candidate;
    }
  } else {
    for (const p of spec.ports ?? []) delete p.nodePort;
  }
  return { explicit };
}

/** The 422 for requested values someone else holds (`taken` lists "kind/value" keys held by others). */
export function alreadyAllocated(svc: KObject, taken: Set<string>): StatusError | undefined {
  const spec = (svc.spec ?? {}) as ServiceSpec;
  const name = svc.metadata.name ?? '';
  if (spec.clusterIP && taken.has(`service-ip/${spec.clusterIP}`)) {
    return invalid('Service', '', name, [
      { reason: 'FieldValueInvalid', field: 'spec.clusterIPs', message: `Invalid value: ${JSON.stringify([spec.clusterIP])}: failed to allocate IP ${spec.clusterIP}: provided IP is already allocated` },
    ]);
  }
  const i = (spec.ports ?? []).findIndex((p) => p.nodePort && taken.has(`node-port/${p.nodePort}`));
  if (i >= 0) {
    const port = spec.ports![i].nodePort;
    return invalid('Service', '', name, [{ reason: 'FieldValueInvalid', field: `spec.ports[${i}].nodePort`, message: `Invalid value: ${port}: provided port is already allocated` }]);
  }
  return undefined;
}
