// discovery.k8s.io/v1 EndpointSlice: a chunk of the network endpoints behind a Service.
import { z } from 'zod';
import { atomicList, int32, kobject, setList, stringMap } from '../../schemas/meta';
import { objectReference } from './object-reference';

const endpointConditions = z
  .strictObject({
    ready: z.boolean().optional().meta({ description: 'The endpoint can take traffic; unset means unknown (treat as ready).' }),
    serving: z.boolean().optional().meta({ description: 'Like ready, but also true while terminating.' }),
    terminating: z.boolean().optional().meta({ description: 'The endpoint is shutting down.' }),
  })
  .meta({ id: 'io.k8s.api.discovery.v1.EndpointConditions', description: 'Current state of an endpoint.' });

const forZone = z
  .strictObject({ name: z.string().meta({ description: 'Zone name.' }) })
  .meta({ id: 'io.k8s.api.discovery.v1.ForZone', description: 'A zone that should consume this endpoint.' });

const endpointHints = z
  .strictObject({ forZones: atomicList(forZone, 'Zones that should use this endpoint for topology-aware routing.').optional() })
  .meta({ id: 'io.k8s.api.discovery.v1.EndpointHints', description: 'Routing hints for consumers of an endpoint.' });

export const endpoint = z
  .strictObject({
    addresses: setList(z.string(), 'Addresses of this endpoint, interpreted per addressType; consumers use the first.').optional(),
    conditions: endpointConditions.optional(),
    hostname: z.string().optional().meta({ description: 'DNS label for this endpoint.' }),
    targetRef: objectReference.optional().meta({ description: 'The object (usually a Pod) behind this endpoint.' }),
    deprecatedTopology: stringMap().optional().meta({ description: 'Legacy topology labels; use zone and nodeName.' }),
    nodeName: z.string().optional().meta({ description: 'Node hosting this endpoint.' }),
    zone: z.string().optional().meta({ description: 'Zone of this endpoint.' }),
    hints: endpointHints.optional(),
  })
  .meta({ id: 'io.k8s.api.discovery.v1.Endpoint', description: 'One logical backend of a Service.' });

export const endpointPort = z
  .strictObject({
    name: z.string().optional().meta({ description: 'Port name, matching the Service port name; may be empty.' }),
    protocol: z.string().optional().meta({ description: 'TCP (default), UDP or SCTP.' }),
    port: int32().optional().meta({ description: 'Port number; unset means all ports.' }),
    appProtocol: z.string().optional().meta({ description: 'Application protocol, e.g. "http" or "kubernetes.io/h2c".' }),
  })
  .meta({ id: 'io.k8s.api.discovery.v1.EndpointPort', description: 'A port served by the endpoints of a slice.', 'x-kubernetes-map-type': 'atomic' });

export const endpointSliceSchema = kobject('io.k8s.api.discovery.v1.EndpointSlice', 'A subset of the endpoints that implement a Service.', {
  addressType: z.string().meta({ description: 'Kind of address in this slice: IPv4, IPv6 or FQDN. Immutable.' }),
  // Go clients send null for an empty list, and null is dropped before parsing, so this cannot be required.
  endpoints: atomicList(endpoint, 'Endpoints in this slice, at most 1000.').optional(),
  ports: atomicList(endpointPort, 'Ports exposed by every endpoint in this slice.').optional(),
});

export type Endpoint = z.infer<typeof endpoint>;
export type EndpointPort = z.infer<typeof endpointPort>;
