// Service defaulting and validation.
import { FieldErrors } from '../../../validation/field-errors';
import { dns1123Label, dns1123Subdomain, validateLabels } from '../../../validation/names';
import { enumValue, ianaSvcName, portInRange } from '../common/checks';
import type { ServiceSpec } from './schema';

export const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'] as const;
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;
const POLICIES = ['Cluster', 'Local'] as const;
const FAMILY_POLICIES = ['SingleStack', 'PreferDualStack', 'RequireDualStack'] as const;

export function defaultServiceSpec(spec: ServiceSpec) {
  spec.type ||= 'ClusterIP';
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'ClientIP') {
    const c = ((spec.sessionAffinityConfig ??= {}).clientIP ??= {});
    c.timeoutSeconds ??= 10800;
  }
  for (const p of spec.ports ?? []) {
    p.protocol ||= 'TCP';
    // An unset (or zero/empty) target port means "the same as port".
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (spec.type === 'ExternalName') return;
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ||= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  spec.internalTrafficPolicy ||= 'Cluster';
  if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
  // Single-stack IPv4 cluster: every non-ExternalName service gets one family.
  // Headless services without a selector take whatever families the cluster has.
  const selectorless = spec.clusterIP === 'None' && Object.keys(spec.selector ?? {}).length === 0;
  spec.ipFamilyPolicy ||= selectorless ? 'RequireDualStack' : 'SingleStack';
  if (!spec.ipFamilies?.length) spec.ipFamilies = [spec.clusterIP?.includes(':') ? 'IPv6' : 'IPv4'];
}

const ipv4Re = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const isIP = (v: string) => ipv4Re.test(v) || (v.includes(':') && /^[0-9a-fA-F:.]+$/.test(v));

function validatePorts(spec: ServiceSpec, errs: FieldErrors) {
  const ports = spec.ports ?? [];
  const headless = spec.clusterIP === 'None';
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.required('spec.ports');
  const names = new Set<string>();
  const keys = new Set<string>();
  ports.forEach((p, i) => {
    const pp = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errs.required(`${pp}.name`);
    if (p.name) {
      // Port names are DNS-1123 labels (kubectl create service names them like "80-8080").
      for (const m of dns1123Label(p.name)) errs.invalid(`${pp}.name`, p.name, m);
      if (names.has(p.name)) errs.duplicate(`${pp}.name`, p.name);
      names.add(p.name);
    }
    portInRange(errs, `${pp}.port`, p.port);
    enumValue(errs, `${pp}.protocol`, p.protocol, PROTOCOLS);
    const key = `${p.port}/${p.protocol ?? 'TCP'}`;
    if (keys.has(key)) errs.duplicate(pp, { port: p.port, protocol: p.protocol ?? 'TCP' });
    keys.add(key);
    if (typeof p.targetPort === 'number') portInRange(errs, `${pp}.targetPort`, p.targetPort);
    else if (typeof p.targetPort === 'string') for (const m of ianaSvcName(p.targetPort)) errs.invalid(`${pp}.targetPort`, p.targetPort, m);
    if (p.nodePort !== undefined && p.nodePort !== 0) {
      if (spec.type !== 'NodePort' && spec.type !== 'LoadBalancer')
        errs.forbidden(`${pp}.nodePort`, `may not be used when \`type\` is '${spec.type}'`);
      else portInRange(errs, `${pp}.nodePort`, p.nodePort);
    }
  });
}

export function validateServiceSpec(spec: ServiceSpec, errs: FieldErrors) {
  enumValue(errs, 'spec.type', spec.type, SERVICE_TYPES);
  enumValue(errs, 'spec.sessionAffinity', spec.sessionAffinity, ['ClientIP', 'None']);
  const t = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
  if (t !== undefined && (t <= 0 || t > 86400)) errs.invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', t, 'must be greater than 0 and less than 86400');
  validatePorts(spec, errs);
  validateLabels(spec.selector, 'spec.selector', errs);
  if (spec.type === 'ExternalName') {
    if (!spec.externalName) errs.required('spec.externalName');
    else for (const m of dns1123Subdomain(spec.externalName.replace(/\.$/, ''))) errs.invalid('spec.externalName', spec.externalName, m);
  }
  if (spec.clusterIP && spec.clusterIP !== 'None' && !isIP(spec.clusterIP))
    errs.invalid('spec.clusterIPs[0]', spec.clusterIP, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)');
  (spec.externalIPs ?? []).forEach((ip, i) => {
    if (!isIP(ip)) errs.invalid(`spec.externalIPs[${i}]`, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)');
  });
  enumValue(errs, 'spec.externalTrafficPolicy', spec.externalTrafficPolicy, POLICIES);
  if (spec.externalTrafficPolicy && spec.type !== 'NodePort' && spec.type !== 'LoadBalancer')
    errs.invalid('spec.externalTrafficPolicy', spec.externalTrafficPolicy, 'may only be set when `type` is \'NodePort\' or \'LoadBalancer\'');
  enumValue(errs, 'spec.internalTrafficPolicy', spec.internalTrafficPolicy, POLICIES);
  enumValue(errs, 'spec.ipFamilyPolicy', spec.ipFamilyPolicy, FAMILY_POLICIES);
  (spec.ipFamilies ?? []).forEach((f, i) => enumValue(errs, `spec.ipFamilies[${i}]`, f, ['IPv4', 'IPv6']));
}

/**
 * Carries allocated values (cluster IPs, node ports) over from the stored object when an update omits
 * them, as upstream does; a PUT of the original manifest must not look like an IP change.
 */
export function keepAllocated(spec: ServiceSpec, old: ServiceSpec) {
  if (spec.type === 'ExternalName' || old.type === 'ExternalName') return;
  if (!spec.clusterIP && old.clusterIP) spec.clusterIP = old.clusterIP;
  if (!spec.clusterIPs?.length && old.clusterIPs?.length) spec.clusterIPs = [...old.clusterIPs];
  if (spec.healthCheckNodePort === undefined && old.healthCheckNodePort !== undefined && spec.externalTrafficPolicy === 'Local')
    spec.healthCheckNodePort = old.healthCheckNodePort;
  for (const p of spec.ports ?? []) {
    if (p.nodePort) continue;
    const prev = (old.ports ?? []).find((o) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
    if (prev?.nodePort && (spec.type === 'NodePort' || spec.type === 'LoadBalancer')) p.nodePort = prev.nodePort;
  }
}

export function validateServiceUpdate(spec: ServiceSpec, old: ServiceSpec, errs: FieldErrors) {
  // Changing to or from ExternalName releases or allocates the IP, so only same-kind updates are pinned.
  const bothAllocated = spec.type !== 'ExternalName' && old.type !== 'ExternalName';
  if (bothAllocated && old.clusterIP && spec.clusterIP !== old.clusterIP)
    errs.invalid('spec.clusterIPs[0]', spec.clusterIP ?? '', 'may not change once set');
  if (bothAllocated && old.ipFamilies?.length && spec.ipFamilies?.length && spec.ipFamilies[0] !== old.ipFamilies[0])
    errs.invalid('spec.ipFamilies[0]', spec.ipFamilies[0], 'may not change once set');
}
