import type { KObject, ResourceDef } from '../../registry/types';
import type { FieldErrors } from '../../validation/field-errors';
import { dns1123Label, dns1123Subdomain, labelValue, qualifiedName, validateLabels } from '../../validation/names';
import { isIPv4, isIPv6 } from '../networking/net';
import { endpointSliceSchema, type Endpoint, type EndpointPort } from './endpoint-slice-schema';
import { endpointIPProblems, fqdnProblems } from './addresses';

type EndpointSlice = KObject & { addressType: string; endpoints?: Endpoint[]; ports?: EndpointPort[] };

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_ENDPOINTS = 1000;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 20000;
const MAX_ZONE_HINTS = 8;

/** The label that ties a slice to its Service; kube-proxy and DNS list slices by it. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

function tooMany(errs: FieldErrors, field: string, n: number, max: number) {
  errs.add({ reason: 'FieldValueTooMany', message: `Too many: ${n}: must have at most ${max} items`, field });
}

function validateAddress(type: string, a: string, path: string, errs: FieldErrors) {
  if (type === 'IPv4') {
    if (!isIPv4(a)) errs.invalid(path, a, 'must be a valid IPv4 address');
    else for (const m of endpointIPProblems(a)) errs.invalid(path, a, m);
  } else if (type === 'IPv6') {
    if (!isIPv6(a)) errs.invalid(path, a, 'must be a valid IPv6 address');
    else for (const m of endpointIPProblems(a)) errs.invalid(path, a, m);
  } else if (type === 'FQDN') {
    if (!a || a === '.') return errs.required(path);
    for (const m of fqdnProblems(a)) errs.invalid(path, a, m);
  }
}

function validateEndpoint(e: Endpoint, type: string, path: string, errs: FieldErrors) {
  const addrs = e.addresses ?? [];
  if (addrs.length === 0) errs.required(`${path}.addresses`, 'must contain at least 1 address');
  else if (addrs.length > MAX_ADDRESSES) tooMany(errs, `${path}.addresses`, addrs.length, MAX_ADDRESSES);
  addrs.forEach((a, i) => validateAddress(type, a, `${path}.addresses[${i}]`, errs));
  if (e.nodeName !== undefined) for (const m of dns1123Subdomain(e.nodeName)) errs.invalid(`${path}.nodeName`, e.nodeName, m);
  validateLabels(e.deprecatedTopology, `${path}.deprecatedTopology`, errs);
  if (e.hostname !== undefined) for (const m of dns1123Label(e.hostname)) errs.invalid(`${path}.hostname`, e.hostname, m);
  const zones = e.hints?.forZones ?? [];
  if (zones.length > MAX_ZONE_HINTS) tooMany(errs, `${path}.hints.forZones`, zones.length, MAX_ZONE_HINTS);
  const seen = new Set<string>();
  zones.forEach((z, i) => {
    const zp = `${path}.hints.forZones[${i}].name`;
    if (seen.has(z.name)) errs.duplicate(zp, z.name);
    seen.add(z.name);
    for (const m of labelValue(z.name)) errs.invalid(zp, z.name, m);
  });
}

function validatePorts(ports: EndpointPort[], errs: FieldErrors) {
  if (ports.length > MAX_PORTS) tooMany(errs, 'ports', ports.length, MAX_PORTS);
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const name = p.name ?? '';
    if (name) for (const m of dns1123Label(name)) errs.invalid(`ports[${i}].name`, name, m);
    if (names.has(name)) errs.duplicate(`ports[${i}].name`, name);
    names.add(name);
    if (p.protocol === undefined) errs.required(`ports[${i}].protocol`);
    else if (!PROTOCOLS.includes(p.protocol)) errs.notSupported(`ports[${i}].protocol`, p.protocol, PROTOCOLS);
    if (p.appProtocol !== undefined) for (const m of qualifiedName(p.appProtocol)) errs.invalid(`ports[${i}].appProtocol`, p.appProtocol, m);
  });
}

export const endpointSlice: ResourceDef<EndpointSlice> = {
  group: 'discovery.k8s.io',
  version: 'v1',
  kind: 'EndpointSlice',
  plural: 'endpointslices',
  singular: 'endpointslice',
  namespaced: true,
  schema: endpointSliceSchema,
  generation: 'none',
  defaults(obj) {
    // Upstream fills both, so clients always see an explicit (possibly empty) port name.
    for (const p of obj.ports ?? []) {
      p.name ??= '';
      p.protocol ??= 'TCP';
    }
  },
  validate(obj, errs) {
    if (!obj.addressType) errs.required('addressType');
    else if (!ADDRESS_TYPES.includes(obj.addressType)) errs.notSupported('addressType', obj.addressType, ADDRESS_TYPES);
    const eps = obj.endpoints ?? [];
    if (eps.length > MAX_ENDPOINTS) tooMany(errs, 'endpoints', eps.length, MAX_ENDPOINTS);
    eps.forEach((e, i) => validateEndpoint(e, obj.addressType, `endpoints[${i}]`, errs));
    validatePorts(obj.ports ?? [], errs);
  },
  validateUpdate(obj, old, errs) {
    if (obj.addressType !== old.addressType) errs.immutable('addressType', obj.addressType);
  },
};
