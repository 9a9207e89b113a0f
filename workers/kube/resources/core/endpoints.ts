// The Endpoints resource: the addresses backing a service (legacy; EndpointSlices supersede it).
import { z } from 'zod';
import type { KObject, ResourceDef } from '../../registry/types';
import { int32, kobject, atomicList } from '../../schemas/meta';
import { dns1123Subdomain, dns1035Label } from '../../validation/names';
import { FieldErrors } from '../../validation/field-errors';
import { enumValue, portInRange } from './common/checks';
import { coreId, opt } from './common/util';
import { objectReference } from './common/refs';

const endpointAddress = z
  .strictObject({
    ip: z.string().meta({ description: 'IP of the endpoint.' }),
    hostname: opt(z.string(), 'Host name of the endpoint.'),
    nodeName: opt(z.string(), 'Node hosting the endpoint.'),
    targetRef: opt(objectReference, 'Object providing the endpoint, usually a Pod.'),
  })
  .meta({ id: coreId('EndpointAddress'), description: 'A single IP address of an endpoint.', 'x-kubernetes-map-type': 'atomic' });

const endpointPort = z
  .strictObject({
    name: opt(z.string(), 'Port name; must match the service port name.'),
    port: int32().meta({ description: 'Port number.' }),
    protocol: opt(z.string(), 'TCP, UDP or SCTP; defaults to TCP.'),
    appProtocol: opt(z.string(), 'Application protocol of the port.'),
  })
  .meta({ id: coreId('EndpointPort'), description: 'A port of an endpoint.', 'x-kubernetes-map-type': 'atomic' });

const endpointSubset = z
  .strictObject({
    addresses: opt(atomicList(endpointAddress), 'Ready addresses.'),
    notReadyAddresses: opt(atomicList(endpointAddress), 'Addresses not ready to serve traffic.'),
    ports: opt(atomicList(endpointPort), 'Ports available on every address.'),
  })
  .meta({ id: coreId('EndpointSubset'), description: 'A group of addresses sharing the same ports.' });

export const endpoints = kobject(coreId('Endpoints'), 'The set of addresses and ports that implement a service.', {
  subsets: opt(atomicList(endpointSubset), 'Groups of addresses and ports.'),
});

type Subset = z.infer<typeof endpointSubset>;
interface Endpoints extends KObject {
  subsets?: Subset[];
}

function validateEndpoints(obj: Endpoints, errs: FieldErrors) {
  (obj.subsets ?? []).forEach((s, i) => {
    const sp = `subsets[${i}]`;
    for (const field of ['addresses', 'notReadyAddresses'] as const)
      (s[field] ?? []).forEach((a, j) => {
        if (!a.ip) errs.required(`${sp}.${field}[${j}].ip`);
        if (a.nodeName) for (const m of dns1123Subdomain(a.nodeName)) errs.invalid(`${sp}.${field}[${j}].nodeName`, a.nodeName, m);
      });
    const ports = s.ports ?? [];
    ports.forEach((p, j) => {
      const pp = `${sp}.ports[${j}]`;
      if (ports.length > 1 && !p.name) errs.required(`${pp}.name`);
      if (p.name) for (const m of dns1035Label(p.name)) errs.invalid(`${pp}.name`, p.name, m);
      portInRange(errs, `${pp}.port`, p.port);
      enumValue(errs, `${pp}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']);
    });
  });
}

export const endpointsResource: ResourceDef<Endpoints> = {
  group: '',
  version: 'v1',
  kind: 'Endpoints',
  listKind: 'EndpointsList',
  plural: 'endpoints',
  singular: 'endpoints',
  namespaced: true,
  shortNames: ['ep'],
  schema: endpoints,
  generation: 'none',
  nameValidator: dns1123Subdomain,
  defaults(obj) {
    for (const s of obj.subsets ?? []) for (const p of s.ports ?? []) p.protocol ||= 'TCP';
  },
  validate: validateEndpoints,
};
