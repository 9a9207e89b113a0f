// The objects the ingress reads, narrowed to what it uses (the API's own zod-derived types).
import type { IngressSpec } from '../../../workers/kube/resources/networking/ingress-schema';
import type { KObject } from '../../../workers/kube/registry/types';
import type { IngressClassLike } from '../../../workers/kube/ingress/claim';
import type { EndpointSlice, Service } from '../proxy/types';

export type { EndpointSlice, IngressClassLike, Service };

export interface Ingress extends KObject {
  spec?: IngressSpec;
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

export interface Secret extends KObject {
  type?: string;
  data?: Record<string, string>;
}

/** Where matched traffic goes: a Service port, resolved to the ready endpoints ("ip:port") behind it. */
export interface Target {
  /** "namespace/service:port", stable across recompiles (the round-robin cursor is kept by it). */
  key: string;
  endpoints: string[];
  /** Why there is no endpoint (diagnostics in the 503 body): unknown Service or port, no ready endpoint. */
  problem?: string;
}

export type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

export interface PathRoute {
  type: PathType;
  /** The path as written; for Prefix without its trailing slash ("/" becomes ""). */
  path: string;
  target: Target;
  /** "namespace/name" of the Ingress it came from. */
  from: string;
}

export interface TlsEntry {
  /** Hosts the certificate serves, as written (may be "*.example.com"). */
  hosts: string[];
  /** PEM certificate chain and key, from the kubernetes.io/tls Secret. */
  cert: string;
  key: string;
  from: string;
}

export interface RouteTable {
  /** Exact host → its paths, most specific first. */
  hosts: Map<string, PathRoute[]>;
  /** "*.example.com" rules by their suffix ("example.com"). */
  wildcards: Map<string, PathRoute[]>;
  /** Rules without a host. */
  any: PathRoute[];
  defaultBackend?: Target;
  tls: TlsEntry[];
  /** Problems worth logging (a missing Secret, a duplicate path); the rest of the table still works. */
  warnings: string[];
}
