// Name and label syntax as upstream's k8s.io/apimachinery/pkg/util/validation.
import { FieldErrors } from './field-errors';

const dns1123LabelRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123SubdomainRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const dns1035LabelRe = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const qualifiedNameRe = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const labelValueRe = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
export const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

/** Returns problems with a DNS-1123 label (max 63), or [] when valid. */
export function dns1123Label(v: string): string[] {
  const out: string[] = [];
  if (v.length > 63) out.push('must be no more than 63 characters');
  if (!dns1123LabelRe.test(v)) out.push(DNS1123_LABEL_MSG);
  return out;
}

export function dns1123Subdomain(v: string): string[] {
  const out: string[] = [];
  if (v.length > 253) out.push('must be no more than 253 characters');
  if (!dns1123SubdomainRe.test(v)) out.push(DNS1123_SUBDOMAIN_MSG);
  return out;
}

export function dns1035Label(v: string): string[] {
  const out: string[] = [];
  if (v.length > 63) out.push('must be no more than 63 characters');
  if (!dns1035LabelRe.test(v)) out.push(DNS1035_LABEL_MSG);
  return out;
}

/** Path segment names (RBAC roles and the like): anything but "." "..", "/" or "%". */
export function pathSegmentName(v: string): string[] {
  if (v === '.' || v === '..') return [`may not be '${v}'`];
  for (const c of ['/', '%']) if (v.includes(c)) return [`may not contain '${c}'`];
  return [];
}

/** A label/annotation key: optional DNS subdomain prefix + "/" + name of up to 63 characters. */
export function qualifiedName(v: string): string[] {
  const parts = v.split('/');
  let name = v;
  const out: string[] = [];
  if (parts.length === 2) {
    const [prefix, n] = parts;
    name = n;
    if (prefix.length === 0) out.push('prefix part must be non-empty');
    else out.push(...dns1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else if (parts.length > 2) {
    return [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) out.push('name part must be non-empty');
  else if (name.length > 63) out.push('name part must be no more than 63 characters');
  if (name.length > 0 && !qualifiedNameRe.test(name))
    out.push(
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    );
  return out;
}

export function labelValue(v: string): string[] {
  const out: string[] = [];
  if (v.length > 63) out.push('must be no more than 63 characters');
  if (!labelValueRe.test(v))
    out.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  return out;
}

export function validateLabels(labels: Record<string, string> | undefined, field: string, errs: FieldErrors) {
  if (!labels) return;
  for (const [k, v] of Object.entries(labels)) {
    for (const m of qualifiedName(k)) errs.invalid(field, k, m);
    for (const m of labelValue(v)) errs.invalid(field, v, m);
  }
}

const TOTAL_ANNOTATION_SIZE = 256 * 1024;

export function validateAnnotations(annotations: Record<string, string> | undefined, field: string, errs: FieldErrors) {
  if (!annotations) return;
  let total = 0;
  for (const [k, v] of Object.entries(annotations)) {
    for (const m of qualifiedName(k.toLowerCase())) errs.invalid(field, k, m);
    total += k.length + v.length;
  }
  if (total > TOTAL_ANNOTATION_SIZE) errs.tooLong(field, TOTAL_ANNOTATION_SIZE);
}

export type NameValidator = (name: string) => string[];
