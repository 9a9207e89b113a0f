import type { KObject, ResourceDef } from '../../registry/types';
import type { FieldErrors } from '../../validation/field-errors';
import { cidrContains, cidrProblems, parseCidr, portNameProblems, portNumberProblems } from './net';
import { networkPolicySchema, type NetworkPolicyPeer, type NetworkPolicyPort, type NetworkPolicySpec } from './network-policy-schema';
import { validateLabelSelector } from './selector';

type NetworkPolicy = KObject & { spec?: NetworkPolicySpec };

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const POLICY_TYPES = ['Ingress', 'Egress'];

function validatePort(p: NetworkPolicyPort, path: string, errs: FieldErrors) {
  if (p.protocol !== undefined && !PROTOCOLS.includes(p.protocol)) errs.notSupported(`${path}.protocol`, p.protocol, PROTOCOLS);
  if (p.port === undefined) {
    if (p.endPort !== undefined) errs.invalid(`${path}.endPort`, p.endPort, 'may not be specified when `port` is not specified');
  } else if (typeof p.port === 'number') {
    for (const m of portNumberProblems(p.port)) errs.invalid(`${path}.port`, p.port, m);
    if (p.endPort !== undefined) {
      if (p.endPort < p.port) errs.invalid(`${path}.endPort`, p.port, 'must be greater than or equal to `port`');
      for (const m of portNumberProblems(p.endPort)) errs.invalid(`${path}.endPort`, p.endPort, m);
    }
  } else {
    if (p.endPort !== undefined) errs.invalid(`${path}.endPort`, p.endPort, 'may not be specified when `port` is non-numeric');
    for (const m of portNameProblems(p.port)) errs.invalid(`${path}.port`, p.port, m);
  }
}

function validatePeer(peer: NetworkPolicyPeer, path: string, errs: FieldErrors) {
  validateLabelSelector(peer.podSelector, `${path}.podSelector`, errs);
  validateLabelSelector(peer.namespaceSelector, `${path}.namespaceSelector`, errs);
  const count = [peer.podSelector, peer.namespaceSelector, peer.ipBlock].filter((x) => x !== undefined).length;
  if (count === 0) errs.required(path, 'must specify a peer');
  else if (count > 1 && peer.ipBlock) errs.forbidden(path, 'may not specify both ipBlock and another peer');
  const block = peer.ipBlock;
  if (!block) return;
  if (!block.cidr) return errs.required(`${path}.ipBlock.cidr`);
  for (const m of cidrProblems(block.cidr)) errs.invalid(`${path}.ipBlock.cidr`, block.cidr, m);
  const outer = parseCidr(block.cidr);
  if (!outer) return;
  block.except?.forEach((ex, i) => {
    const ep = `${path}.ipBlock.except[${i}]`;
    const inner = parseCidr(ex);
    if (!inner) for (const m of cidrProblems(ex)) errs.invalid(ep, ex, m);
    else if (inner.prefix <= outer.prefix || !cidrContains(outer, inner)) errs.invalid(ep, ex, 'must be a strict subset of `cidr`');
  });
}

function validateSpec(spec: NetworkPolicySpec, errs: FieldErrors) {
  validateLabelSelector(spec.podSelector, 'spec.podSelector', errs);
  const rules = [
    ...(spec.ingress ?? []).map((r, i) => ({ path: `spec.ingress[${i}]`, ports: r.ports, peers: r.from, peerKey: 'from' })),
    ...(spec.egress ?? []).map((r, i) => ({ path: `spec.egress[${i}]`, ports: r.ports, peers: r.to, peerKey: 'to' })),
  ];
  for (const r of rules) {
    r.ports?.forEach((p, i) => validatePort(p, `${r.path}.ports[${i}]`, errs));
    r.peers?.forEach((p, i) => validatePeer(p, `${r.path}.${r.peerKey}[${i}]`, errs));
  }
  const types = spec.policyTypes ?? [];
  if (types.length > POLICY_TYPES.length) return errs.invalid('spec.policyTypes', types, 'may not specify more than two policyTypes');
  types.forEach((t, i) => {
    if (!POLICY_TYPES.includes(t)) errs.notSupported(`spec.policyTypes[${i}]`, t, POLICY_TYPES);
  });
}

export const networkPolicy: ResourceDef<NetworkPolicy> = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'NetworkPolicy',
  plural: 'networkpolicies',
  singular: 'networkpolicy',
  namespaced: true,
  shortNames: ['netpol'],
  schema: networkPolicySchema,
  generation: 'spec',
  defaults(obj) {
    const spec = (obj.spec ??= {});
    spec.podSelector ??= {};
    for (const r of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) for (const p of r.ports ?? []) p.protocol ??= 'TCP';
    // A policy with no types isolates ingress, and egress too once it has egress rules.
    if (!spec.policyTypes?.length) spec.policyTypes = spec.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
  },
  validate(obj, errs) {
    validateSpec(obj.spec ?? {}, errs);
  },
};
