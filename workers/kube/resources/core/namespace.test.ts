import { describe, it, expect } from 'vitest';
import { namespaceResource as def } from './namespace';
import { create } from './test-helpers';

describe('Namespace', () => {
  it('gets the kubernetes finalizer, Active phase and name label', () => {
    const { obj, errs } = create(def, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels: { env: 'dev' } } });
    expect(errs.causes).toEqual([]);
    expect(obj.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(obj.status).toEqual({ phase: 'Active' });
    expect(obj.metadata.labels).toEqual({ env: 'dev', 'kubernetes.io/metadata.name': 'team-a' });
    expect(def.fields?.(obj)).toEqual({ 'status.phase': 'Active' });
  });

  it('requires DNS-1123 label names and rejects unknown fields', () => {
    expect(def.nameValidator?.('a.b')).not.toEqual([]);
    const r = def.schema.safeParse({ metadata: { name: 'x' }, spec: { finalizer: [] } });
    expect(r.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['finalizer'] });
  });
});
