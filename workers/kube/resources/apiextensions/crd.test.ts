import { describe, it, expect } from 'vitest';
import { convertZodSchema } from '../../openapi/zod-schema';
import { admit, lines } from '../networking/admit.testing';
import { customResourceDefinition as crd } from './crd';
import { cronTabCrd } from './crontab.testing';

describe('CustomResourceDefinition', () => {
  it('accepts the CronTab CRD and fills defaults and status', () => {
    const r = admit(crd, cronTabCrd());
    expect(r.issues).toEqual([]);
    expect(r.causes).toEqual([]);
    const obj = r.obj as any;
    expect(obj.spec.conversion).toEqual({ strategy: 'None' });
    expect(obj.status.storedVersions).toEqual(['v1']);
    expect(obj.status.acceptedNames).toMatchObject({ plural: 'crontabs', kind: 'CronTab', listKind: 'CronTabList' });
    expect(obj.status.conditions.map((c: any) => `${c.type}=${c.status}`)).toEqual(['NamesAccepted=True', 'Established=True']);
    expect(crd).toMatchObject({ namespaced: false, status: true, generation: 'spec', shortNames: ['crd', 'crds'] });
  });

  it('converts to OpenAPI despite the recursive JSONSchemaProps', () => {
    const converted = convertZodSchema(crd.schema);
    expect(converted.name).toBe('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition');
    expect(Object.keys(converted.components)).toContain('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps');
  });

  it('defaults singular and listKind from kind', () => {
    const m: any = cronTabCrd();
    delete m.spec.names.singular;
    const names = (admit(crd, m).obj as any).spec.names;
    expect(names).toMatchObject({ singular: 'crontab', listKind: 'CronTabList' });
  });

  it('detects unknown fields, also inside openAPIV3Schema', () => {
    const m: any = cronTabCrd();
    m.spec.versions[0].schema.openAPIV3Schema.properties.spec.propertes = {};
    const r = admit(crd, m);
    expect(r.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['propertes'] });
  });

  it('requires the name to be plural.group, a dotted group and one storage version', () => {
    const m: any = cronTabCrd();
    m.metadata.name = 'crontab.stable.example.com';
    m.spec.versions[1].storage = true;
    m.spec.scope = 'Global';
    const got = lines(admit(crd, m));
    expect(got[0]).toBe('metadata.name: Invalid value: "crontab.stable.example.com": must be spec.names.plural+"."+spec.group');
    expect(got).toContain('spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"');
    expect(got.some((l) => l.startsWith('spec.versions: Invalid value: ') && l.endsWith('must have exactly one version marked as storage version'))).toBe(true);

    const g: any = cronTabCrd();
    g.spec.group = 'example';
    g.metadata.name = 'crontabs.example';
    expect(lines(admit(crd, g))).toEqual(['spec.group: Invalid value: "example": should be a domain with at least one dot']);
  });

  it('checks names as DNS-1035 labels', () => {
    const m: any = cronTabCrd();
    m.spec.names.shortNames = ['CT'];
    m.spec.names.kind = 'Cron_Tab';
    m.spec.names.listKind = 'Cron_Tab';
    const got = lines(admit(crd, m));
    expect(got[0]).toMatch(/^spec\.names\.kind: Invalid value: "Cron_Tab": may have mixed case, but should otherwise match: a DNS-1035 label/);
    expect(got.some((l) => l.startsWith('spec.names.shortNames[0]: Invalid value: "CT": a DNS-1035 label'))).toBe(true);
    expect(got).toContain('spec.names.listKind: Invalid value: "Cron_Tab": kind and listKind may not be the same');
  });

  it('requires structural schemas', () => {
    const m: any = cronTabCrd();
    delete m.spec.versions[1].schema;
    m.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.image = { maxLength: 3 };
    m.spec.preserveUnknownFields = true;
    expect(lines(admit(crd, m))).toEqual([
      'spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[image].type: Required value: must not be empty for specified object fields',
      'spec.versions[1].schema.openAPIV3Schema: Required value: schemas are required',
      'spec.preserveUnknownFields: Invalid value: true: cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead',
    ]);
  });

  it('checks conversion, scale paths and printer columns', () => {
    const m: any = cronTabCrd();
    m.spec.conversion = { strategy: 'Webhook' };
    m.spec.versions[0].subresources.scale.specReplicasPath = '.replicas';
    m.spec.versions[0].additionalPrinterColumns[0].type = 'text';
    expect(lines(admit(crd, m))).toEqual([
      'spec.versions[0].subresources.scale.specReplicasPath: Invalid value: ".replicas": should be a json path under .spec',
      'spec.versions[0].additionalPrinterColumns[0].type: Unsupported value: "text": supported values: "boolean", "date", "integer", "number", "string"',
      'spec.conversion.webhook: Required value: required when strategy is set to Webhook',
    ]);
    const w: any = cronTabCrd();
    w.spec.conversion = { strategy: 'Webhook', webhook: { clientConfig: { service: { namespace: 'ops', name: 'conv' } }, conversionReviewVersions: ['v1'] } };
    const r = admit(crd, w);
    expect(r.causes).toEqual([]);
    expect((r.obj as any).spec.conversion.webhook.clientConfig.service.port).toBe(443);
  });

  it('keeps group, plural, scope and kind fixed once established', () => {
    const old = admit(crd, cronTabCrd()).obj!;
    const m: any = cronTabCrd();
    m.spec.scope = 'Cluster';
    m.spec.names.kind = 'CronJob';
    m.spec.names.listKind = 'CronJobList';
    expect(lines(admit(crd, m, old))).toEqual([
      'spec.scope: Invalid value: "Cluster": field is immutable',
      'spec.names.kind: Invalid value: "CronJob": field is immutable',
    ]);
    const ok: any = cronTabCrd();
    ok.spec.names.shortNames = ['ct', 'cron'];
    expect(admit(crd, ok, old).causes).toEqual([]);
  });
});
