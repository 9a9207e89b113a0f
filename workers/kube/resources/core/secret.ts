// The Secret resource. Values travel base64-encoded in `data`; `stringData` is a write-only
// convenience that the server folds into `data`.
import { z } from 'zod';
import type { KObject, ResourceDef } from '../../registry/types';
import { kobject, stringMap } from '../../schemas/meta';
import { dns1123Subdomain } from '../../validation/names';
import { FieldErrors } from '../../validation/field-errors';
import { coreId, opt } from './common/util';
import { isBase64, validateDataKeys, validateImmutableData } from './common/data';

export const secret = kobject(coreId('Secret'), 'Holds a small amount of sensitive data such as a password, token or key.', {
  // Bad base64 is a decode error (400), as Go's []byte decoding reports it.
  data: opt(z.record(z.string(), z.string().refine(isBase64, { message: 'illegal base64 data', params: { decodeError: true } })), 'Base64-encoded values by key.'),
  stringData: opt(stringMap(), 'Plain-text values merged into data on write (they win over data); never returned.'),
  type: opt(z.string(), 'How the data is meant to be used, e.g. Opaque or kubernetes.io/tls; defaults to Opaque.'),
  immutable: opt(z.boolean(), 'When true, data cannot change (the object can only be deleted and recreated).'),
});

export interface Secret extends KObject {
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  type?: string;
  immutable?: boolean;
}

export function base64Encode(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

const decodedSize = (v: string) => Math.floor((v.replace(/=+$/, '').length * 3) / 4);

/** Keys that each well-known secret type must carry. */
const REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

export function validateSecret(obj: Secret, errs: FieldErrors) {
  const data = obj.data ?? {};
  for (const [k, v] of Object.entries(data))
    if (!isBase64(v)) errs.invalid(`data[${k}]`, '<secret contents redacted>', 'must be base64-encoded');
  validateDataKeys([{ field: 'data', map: data, size: decodedSize }], errs);
  const type = obj.type ?? 'Opaque';
  for (const key of REQUIRED_KEYS[type] ?? []) if (!(key in data)) errs.required(`data[${key}]`);
  if (type === 'kubernetes.io/service-account-token' && !obj.metadata.annotations?.['kubernetes.io/service-account.name'])
    errs.required('metadata.annotations[kubernetes.io/service-account.name]');
  if (type === 'kubernetes.io/basic-auth' && !('username' in data) && !('password' in data))
    errs.required('data[username]', 'either username or password is required');
  if (type === 'kubernetes.io/dockerconfigjson' && data['.dockerconfigjson'] !== undefined) {
    try {
      JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(data['.dockerconfigjson']), (c) => c.charCodeAt(0))));
    } catch (e) {
      errs.invalid('data[.dockerconfigjson]', '<secret contents redacted>', String((e as Error).message));
    }
  }
}

export const secretResource: ResourceDef<Secret> = {
  group: '',
  version: 'v1',
  kind: 'Secret',
  plural: 'secrets',
  singular: 'secret',
  namespaced: true,
  schema: secret,
  generation: 'none',
  nameValidator: dns1123Subdomain,
  defaults(obj) {
    obj.type ||= 'Opaque';
    if (obj.stringData) {
      const data = (obj.data ??= {});
      for (const [k, v] of Object.entries(obj.stringData)) data[k] = base64Encode(v);
      delete obj.stringData;
    }
  },
  validate(obj, errs) {
    validateSecret(obj, errs);
  },
  validateUpdate(obj, old, errs) {
    if ((obj.type ?? 'Opaque') !== (old.type ?? 'Opaque')) errs.immutable('type', obj.type);
    validateImmutableData(obj, old, ['data'], errs);
  },
  fields(obj) {
    return { type: obj.type ?? '' };
  },
};
