// What the rules must do for each Service port, decided before any nftables text is written: which
// destinations it answers on, which endpoints each kind of traffic may use, and what happens when
// there are none. Mirrors kube-proxy's CategorizeEndpoints: ready endpoints first, serving-but-
// terminating ones only when no ready one is left, and the traffic policies narrowing to local ones.
import { SERVICE_NAME_LABEL } from '../../../workers/kube/resources/discovery/endpoint-slice';
import { compareIPv4, isIPv4 } from './ip';
import { DEFAULT_AFFINITY_SECONDS, type Endpoint, type EndpointSlice, type RenderInput, type Service } from './types';

export type L4 = 'tcp' | 'udp' | 'sctp';

export interface Backend {
  ip: string;
  port: number;
  local: boolean;
}

export interface PortPlan {
  /** "<ns>/<svc>/<proto>/<port name or number>": unique, readable, used in chain names. */
  id: string;
  protocol: L4;
  port: number;
  clusterIPs: string[];
  nodePort?: number;
  /** externalIPs, load balancer ingress IPs and (LoadBalancer) the node's own IPs, on `port`. */
  externalIPs: string[];
  /** Every usable endpoint (ready, else serving-terminating). Empty: the port rejects everything. */
  clusterEndpoints: Backend[];
  /** Usable endpoints on this node (same fallback, applied to local ones only). */
  localEndpoints: Backend[];
  internalLocal: boolean;
  externalLocal: boolean;
  affinitySeconds?: number;
}

const PROTOCOLS: Record<string, L4> = { TCP: 'tcp', UDP: 'udp', SCTP: 'sctp' };

/** One plan per port of every proxied Service, sorted by id so the output is stable. */
export function planPorts(input: RenderInput): PortPlan[] {
  const slicesBySvc = new Map<string, EndpointSlice[]>();
  for (const s of input.endpointSlices) {
    const svc = s.metadata.labels?.[SERVICE_NAME_LABEL];
    if (!svc || s.addressType !== 'IPv4') continue;
    const key = `${s.metadata.namespace}/${svc}`;
    slicesBySvc.set(key, [...(slicesBySvc.get(key) ?? []), s]);
  }
  const node = `${input.nodeName} ${input.nodeIPs.join()}`;
  const plans: PortPlan[] = [];
  for (const svc of input.services) {
    if (!isProxied(svc)) continue;
    const slices = slicesBySvc.get(`${svc.metadata.namespace}/${svc.metadata.name}`) ?? [];
    const hit = planned.get(svc);
    if (hit && hit.node === node && sameItems(hit.slices, slices)) {
      plans.push(...hit.plans);
      continue;
    }
    const mine: PortPlan[] = [];
    for (const port of svc.spec?.ports ?? []) {
      const plan = planPort(svc, port, slices, input);
      if (plan) mine.push(plan);
    }
    planned.set(svc, { node, slices, plans: mine });
    plans.push(...mine);
  }
  return plans.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// The watch replaces an object on every change and never edits one, so the same Service with the same
// slice objects on the same node plans the same: reusing those plans (and model.ts the rules made from
// them) keeps one endpoint change from re-planning every Service.
const planned = new WeakMap<Service, { node: string; slices: EndpointSlice[]; plans: PortPlan[] }>();

const sameItems = <T>(a: T[], b: T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Headless and ExternalName Services get no virtual IP and so no rules (DNS serves them). */
function isProxied(svc: Service): boolean {
  const spec = svc.spec;
  if (!spec || spec.type === 'ExternalName') return false;
  return !!spec.clusterIP && spec.clusterIP !== 'None';
}

type ServicePort = NonNullable<NonNullable<Service['spec']>['ports']>[number];

function planPort(svc: Service, sp: ServicePort, slices: EndpointSlice[], input: RenderInput): PortPlan | null {
  const spec = svc.spec!;
  const protocol = PROTOCOLS[sp.protocol ?? 'TCP'];
  if (!protocol) return null;
  const type = spec.type ?? 'ClusterIP';
  const isLB = type === 'LoadBalancer';
  const external = uniqueIPv4([
    ...(spec.externalIPs ?? []),
    ...(isLB ? (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '') : []),
    // Like k3s' servicelb, every node answers a LoadBalancer port on its own addresses.
    ...(isLB ? input.nodeIPs : []),
  ]);
  const nodePort = (type === 'NodePort' || isLB) && sp.nodePort ? sp.nodePort : undefined;
  const hasExternal = external.length > 0 || nodePort !== undefined;
  const all = backendsFor(sp, protocol, slices, input.nodeName);
  const affinity = spec.sessionAffinity === 'ClientIP' ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_SECONDS) : undefined;
  return {
    id: `${svc.metadata.namespace}/${svc.metadata.name}/${protocol}/${sp.name || sp.port}`,
    protocol,
    port: sp.port,
    clusterIPs: uniqueIPv4(spec.clusterIPs?.length ? spec.clusterIPs : [spec.clusterIP ?? '']),
    nodePort,
    externalIPs: external,
    clusterEndpoints: usable(all),
    localEndpoints: usable(all.filter((b) => b.backend.local)),
    internalLocal: spec.internalTrafficPolicy === 'Local',
    // The external policy only means something for traffic that comes from outside.
    externalLocal: hasExternal && spec.externalTrafficPolicy === 'Local',
    ...(affinity !== undefined ? { affinitySeconds: affinity } : {}),
  };
}

interface Candidate {
  backend: Backend;
  ready: boolean;
  servingTerminating: boolean;
}

/**
 * The endpoints behind one Service port. A slice's port with the Service port's name carries the
 * resolved target port (a named targetPort can resolve differently per pod, hence per slice).
 */
function backendsFor(sp: ServicePort, protocol: L4, slices: EndpointSlice[], nodeName: string): Candidate[] {
  const seen = new Map<string, Candidate>();
  for (const slice of slices) {
    const p = (slice.ports ?? []).find((x) => (x.name ?? '') === (sp.name ?? '') && PROTOCOLS[x.protocol ?? 'TCP'] === protocol);
    if (!p?.port) continue;
    for (const ep of slice.endpoints ?? []) {
      const ip = ep.addresses?.[0];
      if (!ip || !isIPv4(ip)) continue;
      const key = `${ip}:${p.port}`;
      if (seen.has(key)) continue;
      seen.set(key, { backend: { ip, port: p.port, local: ep.nodeName === nodeName }, ...conditions(ep) });
    }
  }
  return [...seen.values()].sort((a, b) => compareIPv4(a.backend.ip, b.backend.ip) || a.backend.port - b.backend.port);
}

/** Unset conditions mean ready (the API's rule); serving defaults to ready. */
function conditions(ep: Endpoint): { ready: boolean; servingTerminating: boolean } {
  const c = ep.conditions ?? {};
  const ready = c.ready !== false;
  const serving = c.serving ?? ready;
  return { ready, servingTerminating: serving && c.terminating === true };
}

/** Ready endpoints; terminating ones that still serve only when no ready one is left (drained last). */
function usable(cands: Candidate[]): Backend[] {
  const ready = cands.filter((c) => c.ready);
  return (ready.length ? ready : cands.filter((c) => c.servingTerminating)).map((c) => c.backend);
}

function uniqueIPv4(ips: string[]): string[] {
  return [...new Set(ips.filter(isIPv4))].sort(compareIPv4);
}
