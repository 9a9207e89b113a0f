// networking.k8s.io/v1 Ingress: HTTP routing rules from hosts and paths to Services.
import { z } from 'zod';
import { atomicList, int32, kobject } from '../../schemas/meta';

export const typedLocalObjectReference = z
  .strictObject({
    apiGroup: z.string().optional().meta({ description: 'Group of the referenced resource; empty for the core group.' }),
    kind: z.string().meta({ description: 'Kind of the referenced resource.' }),
    name: z.string().meta({ description: 'Name of the referenced resource.' }),
  })
  .meta({ id: 'io.k8s.api.core.v1.TypedLocalObjectReference', description: 'Points at an object of a given kind in the same namespace.' });

export const serviceBackendPort = z
  .strictObject({
    name: z.string().optional().meta({ description: 'Named port of the Service; exclusive with number.' }),
    number: int32().optional().meta({ description: 'Numeric port of the Service; exclusive with name.' }),
  })
  .meta({ id: 'io.k8s.api.networking.v1.ServiceBackendPort', description: 'The Service port to send traffic to.' });

export const ingressServiceBackend = z
  .strictObject({
    name: z.string().meta({ description: 'Name of a Service in the Ingress namespace.' }),
    port: serviceBackendPort.optional().meta({ description: 'Port of the Service.' }),
  })
  .meta({ id: 'io.k8s.api.networking.v1.IngressServiceBackend', description: 'A Service used as a backend.' });

export const ingressBackend = z
  .strictObject({
    service: ingressServiceBackend.optional().meta({ description: 'A Service backend; exclusive with resource.' }),
    resource: typedLocalObjectReference.optional().meta({ description: 'A non-Service backend object; exclusive with service.' }),
  })
  .meta({ id: 'io.k8s.api.networking.v1.IngressBackend', description: 'Where matching traffic goes.' });

export const httpIngressPath = z
  .strictObject({
    path: z.string().optional().meta({ description: 'Request path to match; must start with "/" for Exact and Prefix.' }),
    pathType: z.string().optional().meta({ description: 'How path is matched: Exact, Prefix or ImplementationSpecific.' }),
    backend: ingressBackend.meta({ description: 'Backend for requests matching this path.' }),
  })
  .meta({ id: 'io.k8s.api.networking.v1.HTTPIngressPath', description: 'A path and the backend it routes to.' });

export const httpIngressRuleValue = z
  .strictObject({
    // Optional here so a missing list gets upstream's "Required value" cause rather than a parse error.
    paths: atomicList(httpIngressPath, 'Paths matched in order of specificity.').optional(),
  })
  .meta({ id: 'io.k8s.api.networking.v1.HTTPIngressRuleValue', description: 'HTTP path routing for one host.' });

export const ingressRule = z
  .strictObject({
    host: z.string().optional().meta({ description: 'Host name to match; a leading "*." matches one DNS label.' }),
    http: httpIngressRuleValue.optional(),
  })
  .meta({ id: 'io.k8s.api.networking.v1.IngressRule', description: 'Routing for one host (or all hosts when host is empty).' });

export const ingressTLS = z
  .strictObject({
    hosts: atomicList(z.string(), 'Hosts covered by the certificate.').optional(),
    secretName: z.string().optional().meta({ description: 'Secret holding the TLS certificate and key.' }),
  })
  .meta({ id: 'io.k8s.api.networking.v1.IngressTLS', description: 'TLS settings for a set of hosts.' });

export const ingressSpec = z
  .strictObject({
    ingressClassName: z.string().optional().meta({ description: 'Name of the IngressClass that should implement this Ingress.' }),
    defaultBackend: ingressBackend.optional().meta({ description: 'Backend for requests no rule matches.' }),
    tls: atomicList(ingressTLS, 'TLS configuration.').optional(),
    rules: atomicList(ingressRule, 'Host rules; requests matching no rule go to defaultBackend.').optional(),
  })
  .meta({ id: 'io.k8s.api.networking.v1.IngressSpec', description: 'Desired routing of an Ingress.' });

export const ingressPortStatus = z
  .strictObject({
    port: int32().meta({ description: 'Port number.' }),
    protocol: z.string().meta({ description: 'TCP, UDP or SCTP.' }),
    error: z.string().optional().meta({ description: 'Problem with this port, if any.' }),
  })
  .meta({ id: 'io.k8s.api.networking.v1.IngressPortStatus', description: 'State of one load balancer port.' });

export const ingressLoadBalancerIngress = z
  .strictObject({
    ip: z.string().optional().meta({ description: 'IP address of the load balancer.' }),
    hostname: z.string().optional().meta({ description: 'DNS name of the load balancer.' }),
    ports: atomicList(ingressPortStatus).optional(),
  })
  .meta({ id: 'io.k8s.api.networking.v1.IngressLoadBalancerIngress', description: 'One load balancer entry point.' });

export const ingressStatus = z
  .strictObject({
    loadBalancer: z
      .strictObject({ ingress: atomicList(ingressLoadBalancerIngress).optional() })
      .meta({ id: 'io.k8s.api.networking.v1.IngressLoadBalancerStatus', description: 'Load balancer entry points.' })
      .optional(),
  })
  .meta({ id: 'io.k8s.api.networking.v1.IngressStatus', description: 'Observed state of an Ingress.' });

export const ingressSchema = kobject('io.k8s.api.networking.v1.Ingress', 'Routes external HTTP(S) traffic to Services by host and path.', {
  spec: ingressSpec.optional(),
  status: ingressStatus.optional(),
});

export type IngressBackend = z.infer<typeof ingressBackend>;
export type IngressSpec = z.infer<typeof ingressSpec>;
