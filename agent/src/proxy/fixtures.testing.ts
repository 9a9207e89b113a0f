// Builders for proxy tests: a Service, an EndpointSlice, and a way to pull one block out of a script.
import type { Endpoint, EndpointSlice, Service, ServiceSpec } from './types';

export function svc(name: string, spec: ServiceSpec, status?: Service['status'], namespace = 'default'): Service {
  return { metadata: { namespace, name }, spec, ...(status ? { status } : {}) };
}

export function slice(service: string, ports: EndpointSlice['ports'], endpoints: Endpoint[], name = `${service}-x`, namespace = 'default'): EndpointSlice {
  return { metadata: { namespace, name, labels: { 'kubernetes.io/service-name': service } }, addressType: 'IPv4', ports, endpoints };
}

/** A ready endpoint on `node`. */
export function ep(ip: string, node = 'node-a', conditions?: Endpoint['conditions'], hostname?: string): Endpoint {
  return { addresses: [ip], nodeName: node, ...(conditions ? { conditions } : {}), ...(hostname ? { hostname } : {}) };
}

/** The text of the block whose header is `head` (e.g. "chain services"), without indentation. */
export function section(script: string, head: string): string {
  const lines = script.split('\n');
  const start = lines.findIndex((l) => l.trim() === `${head} {`);
  if (start < 0) return '';
  const end = lines.findIndex((l, i) => i > start && l === '  }');
  return lines
    .slice(start, end + 1)
    .map((l) => l.replace(/^ {2}/, ''))
    .join('\n');
}

/** The elements of a set or map, one string each. */
export function elementsOf(script: string, head: string): string[] {
  const m = /elements = \{\n([\s\S]*?)\n\s*\}/.exec(section(script, head));
  return m ? m[1].split('\n').map((l) => l.trim().replace(/,$/, '')) : [];
}
