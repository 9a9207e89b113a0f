import { describe, it, expect } from 'vitest';
import { serviceResource as def, type Service } from './index';
import { create, update, reasons } from '../test-helpers';

const manifest = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090 }] },
};

describe('Service', () => {
  it('defaults like upstream', () => {
    const { obj, errs } = create(def, manifest);
    expect(errs.causes).toEqual([]);
    expect(obj.spec).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
    expect(obj.spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
      { name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP' },
    ]);
  });

  it('defaults NodePort, LoadBalancer and ClientIP extras', () => {
    const lb = { ...manifest, spec: { ...manifest.spec, type: 'LoadBalancer', sessionAffinity: 'ClientIP' } };
    const { obj } = create(def, lb);
    expect(obj.spec).toMatchObject({ externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true, sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } });
  });

  it('does not give ExternalName services IP settings', () => {
    const { obj, errs } = create(def, { metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'example.com' } });
    expect(errs.causes).toEqual([]);
    expect(obj.spec.ipFamilies).toBeUndefined();
  });

  it('validates ports', () => {
    const bad = { metadata: { name: 'web' }, spec: { ports: [{ port: 0 }, { port: 80, nodePort: 30000 }, { name: 'Bad_Name', port: 80 }], type: 'ClusterIP' } };
    const { errs } = create(def, bad);
    expect(reasons(errs)).toMatchObject({
      'spec.ports[0].name': 'FieldValueRequired',
      'spec.ports[0].port': 'FieldValueInvalid',
      'spec.ports[1].nodePort': 'FieldValueForbidden',
      'spec.ports[2].name': 'FieldValueInvalid',
      'spec.ports[2]': 'FieldValueDuplicate',
    });
  });

  it('requires ports unless headless or ExternalName', () => {
    expect(reasons(create(def, { metadata: { name: 'a' }, spec: {} }).errs)).toEqual({ 'spec.ports': 'FieldValueRequired' });
    const headless = create(def, { metadata: { name: 'a' }, spec: { clusterIP: 'None' } });
    expect(headless.errs.causes).toEqual([]);
    expect(headless.obj.spec).toMatchObject({ clusterIPs: ['None'], ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4'] });
    expect(headless.obj.status).toEqual({ loadBalancer: {} });
  });

  it('keeps clusterIP immutable, carrying it over when omitted', () => {
    const old = create(def, { ...manifest, spec: { ...manifest.spec, clusterIP: '10.96.0.10' } }).obj;
    const changed = structuredClone(old) as Service;
    changed.spec.clusterIP = '10.96.0.11';
    changed.spec.clusterIPs = ['10.96.0.11'];
    expect(reasons(update(def, old, changed))).toEqual({ 'spec.clusterIPs[0]': 'FieldValueInvalid' });
    const omitted = structuredClone(manifest) as unknown as Service;
    expect(update(def, old, omitted).causes).toEqual([]);
  });

  it('uses DNS-1035 names and exposes field selectors', () => {
    expect(def.nameValidator?.('1web')).not.toEqual([]);
    expect(def.fields?.(create(def, manifest).obj)).toEqual({ 'spec.clusterIP': '', 'spec.type': 'ClusterIP' });
  });
});
