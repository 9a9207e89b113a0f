import { describe, it, expect } from 'vitest';
import { secretResource as def, type Secret } from './secret';
import { create, update, reasons } from './test-helpers';

describe('Secret', () => {
  it('folds stringData into data and defaults the type', () => {
    const { obj, errs } = create(def, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db' },
      data: { user: 'YWRtaW4=' },
      stringData: { password: 'sécret', user: 'root' },
    });
    expect(errs.causes).toEqual([]);
    expect(obj.type).toBe('Opaque');
    expect(obj.stringData).toBeUndefined();
    expect(obj.data).toEqual({ user: 'cm9vdA==', password: 'c8OpY3JldA==' });
    expect(def.fields?.(obj)).toEqual({ type: 'Opaque' });
  });

  it('rejects bad base64 while decoding, as Go does for []byte', () => {
    const r = def.schema.safeParse({ metadata: { name: 's' }, data: { 'tls.crt': 'not base64!' } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['data', 'tls.crt'], message: 'illegal base64 data', params: { decodeError: true } });
  });

  it('checks keys and type-specific keys', () => {
    const { errs } = create(def, { metadata: { name: 's' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==', 'bad/key': 'eA==' } });
    expect(reasons(errs)).toEqual({
      'data[bad/key]': 'FieldValueInvalid',
      'data[tls.key]': 'FieldValueRequired',
    });
  });

  it('rejects data over 1 MiB', () => {
    const big = btoa('x'.repeat(1024 * 1024 + 3));
    expect(reasons(create(def, { metadata: { name: 's' }, data: { big } }).errs)).toEqual({ '': 'FieldValueTooLong' });
  });

  it('keeps type and immutable data fixed', () => {
    const old = create(def, { metadata: { name: 's' }, immutable: true, data: { a: 'eA==' } }).obj;
    const next = { ...structuredClone(old), type: 'kubernetes.io/basic-auth', data: { a: 'eQ==', username: 'eA==' } } as Secret;
    expect(reasons(update(def, old, next))).toEqual({ type: 'FieldValueInvalid', data: 'FieldValueForbidden' });
  });
});
