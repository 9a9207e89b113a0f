// Service schema: a stable virtual IP and DNS name in front of a set of pods.
import { z } from 'zod';
import { int32, intOrString, kobject, condition, atomicList, mapList, stringMap } from '../../../schemas/meta';
import { coreId, opt } from '../common/util';

export const servicePort = z
  .strictObject({
    name: opt(z.string(), 'Port name, required when the service has more than one port.'),
    protocol: opt(z.string(), 'TCP, UDP or SCTP; defaults to TCP.'),
    appProtocol: opt(z.string(), 'Application protocol hint, e.g. http or kubernetes.io/h2c.'),
    port: int32().meta({ description: 'Port the service exposes.' }),
    targetPort: opt(intOrString(), 'Pod port number or name traffic goes to; defaults to port.'),
    nodePort: opt(int32(), 'Port on every node for NodePort and LoadBalancer services.'),
  })
  .meta({ id: coreId('ServicePort'), description: 'One port a service exposes.' });

export const sessionAffinityConfig = z
  .strictObject({
    clientIP: opt(
      z
        .strictObject({ timeoutSeconds: opt(int32(), 'Sticky session lifetime in seconds; defaults to 10800.') })
        .meta({ id: coreId('ClientIPConfig'), description: 'Client IP based session affinity settings.' }),
    ),
  })
  .meta({ id: coreId('SessionAffinityConfig'), description: 'Session affinity settings.' });

export const serviceSpec = z
  .strictObject({
    ports: opt(mapList(servicePort, 'port', { mapKeys: ['port', 'protocol'] }), 'Ports the service exposes.'),
    selector: opt(stringMap().meta({ 'x-kubernetes-map-type': 'atomic' }), 'Labels of the pods that back the service.'),
    clusterIP: opt(z.string(), 'Virtual IP of the service; "None" makes it headless.'),
    clusterIPs: opt(atomicList(z.string()), 'Virtual IPs of the service, one per IP family.'),
    type: opt(z.string(), 'ClusterIP, NodePort, LoadBalancer or ExternalName.'),
    externalIPs: opt(atomicList(z.string()), 'Extra IPs routed to the service.'),
    sessionAffinity: opt(z.string(), 'None or ClientIP.'),
    loadBalancerIP: opt(z.string(), 'Deprecated: requested load balancer IP.'),
    loadBalancerSourceRanges: opt(atomicList(z.string()), 'Client CIDRs allowed through the load balancer.'),
    externalName: opt(z.string(), 'DNS name returned as a CNAME for ExternalName services.'),
    externalTrafficPolicy: opt(z.string(), 'Cluster or Local.'),
    healthCheckNodePort: opt(int32(), 'Health check node port for Local external traffic.'),
    publishNotReadyAddresses: opt(z.boolean(), 'Publish endpoints for pods that are not ready.'),
    sessionAffinityConfig: opt(sessionAffinityConfig),
    ipFamilies: opt(atomicList(z.string()), 'IPv4 and/or IPv6.'),
    ipFamilyPolicy: opt(z.string(), 'SingleStack, PreferDualStack or RequireDualStack.'),
    allocateLoadBalancerNodePorts: opt(z.boolean(), 'Allocate node ports for LoadBalancer services; defaults to true.'),
    loadBalancerClass: opt(z.string(), 'Load balancer implementation to use.'),
    internalTrafficPolicy: opt(z.string(), 'Cluster or Local.'),
    trafficDistribution: opt(z.string(), 'Preference for routing traffic, e.g. PreferClose.'),
  })
  .meta({ id: coreId('ServiceSpec'), description: 'The desired behavior of a service.' });

export const portStatus = z
  .strictObject({ port: int32(), protocol: z.string(), error: opt(z.string()) })
  .meta({ id: coreId('PortStatus'), description: 'Status of one load balancer port.' });

export const loadBalancerIngress = z
  .strictObject({
    ip: opt(z.string()),
    hostname: opt(z.string()),
    ipMode: opt(z.string(), 'VIP or Proxy.'),
    ports: opt(atomicList(portStatus)),
  })
  .meta({ id: coreId('LoadBalancerIngress'), description: 'An ingress point of a load balancer.' });

export const loadBalancerStatus = z
  .strictObject({ ingress: opt(atomicList(loadBalancerIngress), 'Ingress points of the load balancer.') })
  .meta({ id: coreId('LoadBalancerStatus'), description: 'Status of a load balancer.' });

export const serviceStatus = z
  .strictObject({
    loadBalancer: opt(loadBalancerStatus),
    conditions: opt(mapList(condition, 'type'), 'Current conditions of the service.'),
  })
  .meta({ id: coreId('ServiceStatus'), description: 'The observed state of a service.' });

export const service = kobject(coreId('Service'), 'A named abstraction of software service: a stable address in front of pods.', {
  spec: opt(serviceSpec, 'Desired behavior of the service.'),
  status: opt(serviceStatus, 'Observed state of the service.'),
});

export type ServiceSpec = z.infer<typeof serviceSpec>;
