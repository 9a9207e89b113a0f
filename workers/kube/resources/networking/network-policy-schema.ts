// networking.k8s.io/v1 NetworkPolicy: which traffic may reach or leave the selected pods.
import { z } from 'zod';
import { atomicList, int32, intOrString, kobject, labelSelector } from '../../schemas/meta';

const ipBlock = z
  .strictObject({
    cidr: z.string().meta({ description: 'Allowed range, e.g. "192.168.1.0/24".' }),
    except: atomicList(z.string(), 'Sub-ranges of cidr that are not allowed.').optional(),
  })
  .meta({ id: 'io.k8s.api.networking.v1.IPBlock', description: 'An IP range, with optional holes.' });

const peer = z
  .strictObject({
    podSelector: labelSelector.optional().meta({ description: 'Pods to match (in the policy namespace unless namespaceSelector is set).' }),
    namespaceSelector: labelSelector.optional().meta({ description: 'Namespaces whose pods match.' }),
    ipBlock: ipBlock.optional().meta({ description: 'An IP range; exclusive with the selectors.' }),
  })
  .meta({ id: 'io.k8s.api.networking.v1.NetworkPolicyPeer', description: 'A source or destination of allowed traffic.' });

const port = z
  .strictObject({
    protocol: z.string().optional().meta({ description: 'TCP (default), UDP or SCTP.' }),
    port: intOrString().optional().meta({ description: 'Port number or named port; all ports when unset.' }),
    endPort: int32().optional().meta({ description: 'Last port of a range starting at port.' }),
  })
  .meta({ id: 'io.k8s.api.networking.v1.NetworkPolicyPort', description: 'A port, or range of ports, that traffic may use.' });

const ports = atomicList(port, 'Ports the rule allows; all ports when empty.');

const ingressRule = z
  .strictObject({ ports: ports.optional(), from: atomicList(peer, 'Allowed sources; any source when empty.').optional() })
  .meta({ id: 'io.k8s.api.networking.v1.NetworkPolicyIngressRule', description: 'Traffic allowed to reach the selected pods.' });

const egressRule = z
  .strictObject({ ports: ports.optional(), to: atomicList(peer, 'Allowed destinations; any destination when empty.').optional() })
  .meta({ id: 'io.k8s.api.networking.v1.NetworkPolicyEgressRule', description: 'Traffic the selected pods may send.' });

export const networkPolicySpec = z
  .strictObject({
    podSelector: labelSelector.optional().meta({ description: 'Pods the policy applies to; empty selects all pods in the namespace.' }),
    ingress: atomicList(ingressRule, 'Allowed inbound traffic.').optional(),
    egress: atomicList(egressRule, 'Allowed outbound traffic.').optional(),
    policyTypes: atomicList(z.string(), 'Ingress and/or Egress: which directions the policy isolates.').optional(),
  })
  .meta({ id: 'io.k8s.api.networking.v1.NetworkPolicySpec', description: 'Desired state of a NetworkPolicy.' });

export const networkPolicySchema = kobject('io.k8s.api.networking.v1.NetworkPolicy', 'Allowed network traffic for a set of pods.', {
  spec: networkPolicySpec.optional(),
});

export type NetworkPolicySpec = z.infer<typeof networkPolicySpec>;
export type NetworkPolicyPort = z.infer<typeof port>;
export type NetworkPolicyPeer = z.infer<typeof peer>;
