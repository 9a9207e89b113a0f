// networking.k8s.io/v1, policy/v1 and scheduling.k8s.io/v1.
import { bool, i32, i64, inline, ios, map, meta, msg, msgs, str, strs, Z, type Registry } from '../types';

export const netTypes: Registry = {
  'net.Ingress': { 1: meta, 2: msg('spec', 'net.IngressSpec'), 3: msg('status', 'net.IngressStatus') },
  'net.IngressSpec': {
    4: str('ingressClassName', Z),
    1: msg('defaultBackend', 'net.IngressBackend'),
    2: msgs('tls', 'net.IngressTLS'),
    3: msgs('rules', 'net.IngressRule'),
  },
  'net.IngressBackend': {
    4: msg('service', 'net.IngressServiceBackend'),
    3: msg('resource', 'core.TypedLocalObjectReference'),
  },
  'net.IngressServiceBackend': { 1: str('name', Z), 2: msg('port', 'net.ServiceBackendPort') },
  'net.ServiceBackendPort': { 1: str('name'), 2: i32('number') },
  'net.IngressTLS': { 1: strs('hosts'), 2: str('secretName') },
  'net.IngressRule': { 1: str('host'), 2: inline('net.IngressRuleValue') },
  'net.IngressRuleValue': { 1: msg('http', 'net.HTTPIngressRuleValue') },
  'net.HTTPIngressRuleValue': { 1: msgs('paths', 'net.HTTPIngressPath') },
  'net.HTTPIngressPath': { 1: str('path'), 3: str('pathType', Z), 2: msg('backend', 'net.IngressBackend') },
  'net.IngressStatus': { 1: msg('loadBalancer', 'net.IngressLoadBalancerStatus') },
  'net.IngressLoadBalancerStatus': { 1: msgs('ingress', 'net.IngressLoadBalancerIngress') },
  'net.IngressLoadBalancerIngress': { 1: str('ip'), 2: str('hostname'), 4: msgs('ports', 'net.IngressPortStatus') },
  'net.IngressPortStatus': { 1: i32('port', Z), 2: str('protocol', Z), 3: str('error', Z) },
  'net.IngressClass': { 1: meta, 2: msg('spec', 'net.IngressClassSpec') },
  'net.IngressClassSpec': { 1: str('controller'), 2: msg('parameters', 'net.IngressClassParametersReference') },
  'net.IngressClassParametersReference': {
    1: str('apiGroup', Z),
    2: str('kind', Z),
    3: str('name', Z),
    4: str('scope', Z),
    5: str('namespace', Z),
  },
  'net.NetworkPolicy': { 1: meta, 2: msg('spec', 'net.NetworkPolicySpec') },
  'net.NetworkPolicySpec': {
    1: msg('podSelector', 'meta.LabelSelector'),
    2: msgs('ingress', 'net.NetworkPolicyIngressRule'),
    3: msgs('egress', 'net.NetworkPolicyEgressRule'),
    4: strs('policyTypes'),
  },
  'net.NetworkPolicyIngressRule': { 1: msgs('ports', 'net.NetworkPolicyPort'), 2: msgs('from', 'net.NetworkPolicyPeer') },
  'net.NetworkPolicyEgressRule': { 1: msgs('ports', 'net.NetworkPolicyPort'), 2: msgs('to', 'net.NetworkPolicyPeer') },
  'net.NetworkPolicyPort': { 1: str('protocol', Z), 2: ios('port'), 3: i32('endPort', Z) },
  'net.NetworkPolicyPeer': {
    1: msg('podSelector', 'meta.LabelSelector'),
    2: msg('namespaceSelector', 'meta.LabelSelector'),
    3: msg('ipBlock', 'net.IPBlock'),
  },
  'net.IPBlock': { 1: str('cidr', Z), 2: strs('except') },

  'policy.PodDisruptionBudget': { 1: meta, 2: msg('spec', 'policy.PDBSpec'), 3: msg('status', 'policy.PDBStatus') },
  'policy.PDBSpec': {
    1: ios('minAvailable'),
    2: msg('selector', 'meta.LabelSelector'),
    3: ios('maxUnavailable'),
    4: str('unhealthyPodEvictionPolicy', Z),
  },
  'policy.PDBStatus': {
    1: i64('observedGeneration'),
    2: map('disruptedPods', 'time'),
    3: i32('disruptionsAllowed', Z),
    4: i32('currentHealthy', Z),
    5: i32('desiredHealthy', Z),
    6: i32('expectedPods', Z),
    7: msgs('conditions', 'meta.Condition'),
  },
  'policy.Eviction': { 1: meta, 2: msg('deleteOptions', 'meta.DeleteOptions') },

  'sched.PriorityClass': {
    1: meta,
    2: i32('value', Z),
    3: bool('globalDefault'),
    4: str('description'),
    5: str('preemptionPolicy', Z),
  },
};
