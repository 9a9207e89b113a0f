// Builders for ingress tests: Ingresses, Services with ready endpoints, TLS Secrets.
import type { EndpointSlice, Ingress, Secret, Service } from './types';

export interface PathSpec {
  path?: string;
  type?: string;
  service: string;
  port?: number | string;
}

const backend = (service: string, port: number | string = 80) => ({ service: { name: service, port: typeof port === 'number' ? { number: port } : { name: port } } });

export function ingress(name: string, rules: { host?: string; paths: PathSpec[] }[], extra: { defaultBackend?: string; tls?: { hosts?: string[]; secretName: string }[]; created?: string; namespace?: string } = {}): Ingress {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: extra.namespace ?? 'default', creationTimestamp: extra.created ?? '2026-01-01T00:00:00Z' },
    spec: {
      ...(extra.defaultBackend ? { defaultBackend: backend(extra.defaultBackend) } : {}),
      ...(extra.tls ? { tls: extra.tls } : {}),
      rules: rules.map((r) => ({
        ...(r.host !== undefined ? { host: r.host } : {}),
        http: { paths: r.paths.map((p) => ({ path: p.path ?? '/', pathType: p.type ?? 'Prefix', backend: backend(p.service, p.port) })) },
      })),
    },
  };
}

/** A ClusterIP Service on port 80 ("http") → targetPort 8080, and a slice with the given endpoints. */
export function service(name: string, ips: { ip: string; ready?: boolean }[], namespace = 'default'): { service: Service; slice: EndpointSlice } {
  return {
    service: { metadata: { name, namespace }, spec: { type: 'ClusterIP', ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }] } },
    slice: {
      metadata: { name: `${name}-abc`, namespace, labels: { 'kubernetes.io/service-name': name } },
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      endpoints: ips.map((e) => ({ addresses: [e.ip], conditions: { ready: e.ready ?? true } })),
    },
  };
}

export function tlsSecret(name: string, cert: string, key: string, namespace = 'default'): Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': Buffer.from(cert).toString('base64'), 'tls.key': Buffer.from(key).toString('base64') },
  };
}
