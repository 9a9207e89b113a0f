// Semantic checks for Ingress, following upstream's networking validation wording.
import type { FieldErrors } from '../../validation/field-errors';
import { dns1035Label, dns1123Subdomain, pathSegmentName } from '../../validation/names';
import { ipProblems, isIP, portNameProblems, portNumberProblems } from './net';
import type { IngressBackend, IngressSpec } from './ingress-schema';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const BAD_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const BAD_SUFFIXES = ['/..', '/.'];
const wildcardRe = /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const WILDCARD_MSG =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** A host may be a wildcard ("*.example.com") or a plain DNS subdomain. */
export function hostProblems(host: string): string[] {
  if (host.includes('*')) return wildcardRe.test(host) ? (host.length > 253 ? ['must be no more than 253 characters'] : []) : [WILDCARD_MSG];
  return dns1123Subdomain(host);
}

export function validateBackend(b: IngressBackend, path: string, errs: FieldErrors) {
  if (b.resource && b.service) return errs.invalid(path, '', 'cannot set both resource and service backends');
  if (b.resource) {
    const r = b.resource;
    const p = `${path}.resource`;
    if (r.apiGroup) for (const m of dns1123Subdomain(r.apiGroup)) errs.invalid(`${p}.apiGroup`, r.apiGroup, m);
    if (!r.kind) errs.required(`${p}.kind`);
    if (!r.name) errs.required(`${p}.name`);
    else for (const m of pathSegmentName(r.name)) errs.invalid(`${p}.name`, r.name, m);
    return;
  }
  if (!b.service) return errs.invalid(path, '', 'resource or service backend is required');
  const s = b.service;
  if (!s.name) errs.required(`${path}.service.name`);
  else for (const m of dns1035Label(s.name)) errs.invalid(`${path}.service.name`, s.name, m);
  const name = s.port?.name ?? '';
  const num = s.port?.number ?? 0;
  if (name && num) errs.invalid(path, '', 'cannot set both port name & port number');
  else if (name) for (const m of portNameProblems(name)) errs.invalid(`${path}.service.port.name`, name, m);
  else if (num) for (const m of portNumberProblems(num)) errs.invalid(`${path}.service.port.number`, num, m);
  else errs.required(path, 'port name or number is required');
}

function validateRules(rules: NonNullable<IngressSpec['rules']>, errs: FieldErrors) {
  rules.forEach((rule, i) => {
    const rp = `spec.rules[${i}]`;
    if (rule.host) {
      if (isIP(rule.host)) errs.invalid(`${rp}.host`, rule.host, 'must be a DNS name, not an IP address');
      for (const m of hostProblems(rule.host)) errs.invalid(`${rp}.host`, rule.host, m);
    }
    if (!rule.http) return;
    if (!rule.http.paths?.length) errs.required(`${rp}.http.paths`);
    rule.http.paths?.forEach((p, j) => {
      const pp = `${rp}.http.paths[${j}]`;
      const path = p.path ?? '';
      if (p.pathType === 'Exact' || p.pathType === 'Prefix') {
        if (!path.startsWith('/')) errs.invalid(`${pp}.path`, path, 'must be an absolute path');
        for (const seq of BAD_SEQUENCES) if (path.includes(seq)) errs.invalid(`${pp}.path`, path, `must not contain '${seq}'`);
        for (const suf of BAD_SUFFIXES) if (path.endsWith(suf)) errs.invalid(`${pp}.path`, path, `cannot end with '${suf}'`);
      } else if (p.pathType === 'ImplementationSpecific') {
        if (path && !path.startsWith('/')) errs.invalid(`${pp}.path`, path, 'must be an absolute path');
      } else if (!p.pathType) {
        errs.required(`${pp}.pathType`, 'pathType must be specified');
        return;
      } else {
        errs.notSupported(`${pp}.pathType`, p.pathType, PATH_TYPES);
      }
      validateBackend(p.backend, `${pp}.backend`, errs);
    });
  });
}

export function validateIngressSpec(spec: IngressSpec | undefined, errs: FieldErrors) {
  const s = spec ?? {};
  if (!s.rules?.length && !s.defaultBackend) errs.invalid('spec', s.rules, 'either `defaultBackend` or `rules` must be specified');
  if (s.defaultBackend) validateBackend(s.defaultBackend, 'spec.defaultBackend', errs);
  if (s.rules) validateRules(s.rules, errs);
  s.tls?.forEach((t, i) =>
    t.hosts?.forEach((h, j) => {
      for (const m of hostProblems(h)) errs.invalid(`spec.tls[${i}].hosts[${j}]`, h, m);
    }),
  );
  if (s.ingressClassName) for (const m of dns1123Subdomain(s.ingressClassName)) errs.invalid('spec.ingressClassName', s.ingressClassName, m);
}

type LbIngress = { ip?: string; hostname?: string }[] | undefined;

export function validateLoadBalancer(entries: LbIngress, path: string, errs: FieldErrors) {
  entries?.forEach((e, i) => {
    if (e.ip) for (const m of ipProblems(e.ip)) errs.invalid(`${path}[${i}].ip`, e.ip, m);
    if (e.hostname) {
      for (const m of dns1123Subdomain(e.hostname)) errs.invalid(`${path}[${i}].hostname`, e.hostname, m);
      if (isIP(e.hostname)) errs.invalid(`${path}[${i}].hostname`, e.hostname, 'must be a DNS name, not an IP address');
    }
  });
}
