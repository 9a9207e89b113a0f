// Builders for the networking decision tests: Services and pods with only what a case is about.
import type { Pod } from '../controllers/common/types';
import type { Service, ServicePort } from './pod-endpoints';

export interface SvcOpts {
  selector?: Record<string, string> | null;
  ports?: ServicePort[];
  type?: string;
  clusterIP?: string;
  publish?: boolean;
  ipFamilies?: string[];
  labels?: Record<string, string>;
  uid?: string;
}

export function svc(name: string, o: SvcOpts = {}): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default', uid: o.uid ?? `uid-${name}`, ...(o.labels ? { labels: o.labels } : {}) },
    spec: {
      ...(o.selector === null ? {} : { selector: o.selector ?? { app: 'web' } }),
      ports: o.ports ?? [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
      ...(o.type ? { type: o.type } : {}),
      ...(o.clusterIP ? { clusterIP: o.clusterIP } : {}),
      ...(o.publish ? { publishNotReadyAddresses: true } : {}),
      ...(o.ipFamilies ? { ipFamilies: o.ipFamilies } : {}),
    },
  };
}

export interface PodOpts {
  ip?: string | null;
  ips?: string[];
  labels?: Record<string, string>;
  ready?: boolean;
  deleting?: boolean;
  phase?: string;
  node?: string;
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  hostname?: string;
  subdomain?: string;
  namespace?: string;
}

let n = 0;
export function pod(name: string, o: PodOpts = {}): Pod {
  const ip = o.ip === null ? undefined : (o.ip ?? `10.0.0.${++n}`);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      uid: `uid-${name}`,
      labels: o.labels ?? { app: 'web' },
      ...(o.deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}),
    },
    spec: {
      containers: [{ name: 'c', image: 'nginx', ...(o.ports ? { ports: o.ports } : {}) }],
      ...(o.node ? { nodeName: o.node } : {}),
      ...(o.hostname ? { hostname: o.hostname } : {}),
      ...(o.subdomain ? { subdomain: o.subdomain } : {}),
    },
    status: {
      phase: o.phase ?? 'Running',
      ...(ip ? { podIP: ip } : {}),
      ...(o.ips ? { podIPs: o.ips.map((x) => ({ ip: x })) } : {}),
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
    },
  };
}
