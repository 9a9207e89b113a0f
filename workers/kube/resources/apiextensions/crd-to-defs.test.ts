import { describe, it, expect } from 'vitest';
import { convertZodSchema } from '../../openapi/zod-schema';
import { admit } from '../networking/admit.testing';
import { crdToResourceDefs } from './crd-to-defs';
import { cronTabCrd } from './crontab.testing';

const defs = () => crdToResourceDefs(cronTabCrd() as any);
const cronTab = (spec: Record<string, unknown> = {}) => ({
  apiVersion: 'stable.example.com/v1',
  kind: 'CronTab',
  metadata: { name: 'my-new-cron-object', namespace: 'default', labels: { app: 'cron' } },
  spec: { cronSpec: '* * * * */5', image: 'my-awesome-cron-image', ...spec },
});

describe('crdToResourceDefs', () => {
  it('serves only served versions, with names, subresources and generation', () => {
    const all = defs();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      group: 'stable.example.com',
      version: 'v1',
      kind: 'CronTab',
      listKind: 'CronTabList',
      plural: 'crontabs',
      singular: 'crontab',
      namespaced: true,
      shortNames: ['ct'],
      categories: ['batch'],
      status: true,
      generation: 'spec',
      scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.labelSelector' },
    });
  });

  it('accepts a valid custom object and applies schema defaults', () => {
    const r = admit(defs()[0], cronTab({ port: 'http', startAt: '2026-01-02T15:04:05Z', tags: ['a'], env: { TZ: 'UTC' }, extra: { anything: [1, { x: 2 }] } }));
    expect(r.issues).toEqual([]);
    expect((r.obj as any).spec.replicas).toBe(1);
  });

  it('rejects unknown fields except under preserve-unknown-fields', () => {
    const r = admit(defs()[0], cronTab({ imag: 'typo' }));
    expect(r.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['imag'], path: ['spec'] });
    expect(admit(defs()[0], { ...cronTab(), top: 1 }).issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['top'] });
  });

  it('reports required fields and wrong types', () => {
    const missing: any = cronTab();
    delete missing.spec.cronSpec;
    expect(admit(defs()[0], missing).issues[0]).toMatchObject({ code: 'invalid_type', path: ['spec', 'cronSpec'] });
    expect(admit(defs()[0], cronTab({ replicas: 'three' })).issues[0]).toMatchObject({ code: 'invalid_type', path: ['spec', 'replicas'] });
    expect(admit(defs()[0], cronTab({ replicas: 2 ** 31 })).issues[0]).toMatchObject({ code: 'too_big', path: ['spec', 'replicas'] });
  });

  it('words value constraint failures like the apiextensions apiserver', () => {
    const r = admit(defs()[0], cronTab({ cronSpec: 'often', image: 'x'.repeat(65), replicas: 11, startAt: 'tomorrow', tags: ['a', 'b', 'a', 'c'] }));
    expect(r.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      `spec.cronSpec: Invalid value: "often": spec.cronSpec in body should match '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'`,
      'spec.image: Too long: may not be more than 64 bytes',
      'spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10',
      'spec.startAt: Invalid value: "tomorrow": spec.startAt in body must be of type date-time: "tomorrow"',
      'spec.tags: Too many: 4: must have at most 3 items',
      'spec.tags.2: Duplicate value: "a"',
    ]);
  });

  it('rejects values outside an enum', () => {
    const issue = admit(defs()[0], cronTab({ policy: 'Sometimes' })).issues[0];
    expect(issue).toMatchObject({ code: 'invalid_value', path: ['spec', 'policy'], values: ['Allow', 'Forbid', 'Replace'] });
  });

  it('exposes selectable fields for field selectors', () => {
    const def = defs()[0];
    expect(def.fields?.(cronTab() as any)).toEqual({ 'spec.image': 'my-awesome-cron-image' });
  });

  it('publishes the schema under a reversed-group id with constraints kept', () => {
    const converted = convertZodSchema(defs()[0].schema);
    expect(converted.name).toBe('com.example.stable.v1.CronTab');
    const spec = (converted.components['com.example.stable.v1.CronTab'] as any).properties.spec;
    expect(spec.required).toEqual(['cronSpec']);
    expect(spec.properties.replicas).toMatchObject({ minimum: 1, maximum: 10, default: 1 });
    expect(spec.properties.tags['x-kubernetes-list-type']).toBe('set');
  });

  it('serves a cluster-scoped CRD without subresources', () => {
    const m: any = cronTabCrd();
    m.spec.scope = 'Cluster';
    delete m.spec.versions[0].subresources;
    const [def] = crdToResourceDefs(m);
    expect(def).toMatchObject({ namespaced: false, status: false });
    expect(def.scale).toBeUndefined();
  });

  it('returns nothing for an incomplete CRD', () => {
    expect(crdToResourceDefs({ metadata: {}, spec: {} } as any)).toEqual([]);
  });
});
