import { describe, expect, it } from 'vitest';
import { KINDS, REGISTRY } from './descriptors';

// The tables are hand-written data: check they are internally consistent.
describe('protobuf descriptors', () => {
  const jsonNames = (type: string): string[] =>
    Object.values(REGISTRY[type]).flatMap((f) => (f.inline ? jsonNames(f.type!) : [f.name]));

  it('every referenced message type exists', () => {
    const missing: string[] = [];
    for (const [type, desc] of Object.entries(REGISTRY)) {
      for (const [num, f] of Object.entries(desc)) {
        if ((f.kind === 'message' || f.value === 'message') && !REGISTRY[f.type ?? '']) missing.push(`${type}.${num} -> ${f.type}`);
      }
    }
    for (const [gvk, type] of Object.entries(KINDS)) if (!REGISTRY[type]) missing.push(`${gvk} -> ${type}`);
    expect(missing).toEqual([]);
  });

  it('field numbers are positive integers and JSON names are unique per object (inline members included)', () => {
    for (const [type, desc] of Object.entries(REGISTRY)) {
      for (const num of Object.keys(desc)) expect(Number.isInteger(Number(num)) && Number(num) > 0, `${type}.${num}`).toBe(true);
      const names = jsonNames(type);
      expect(new Set(names).size, `${type}: ${names.join(',')}`).toBe(names.length);
      for (const f of Object.values(desc)) if (!f.inline) expect(f.name, type).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
    }
  });

  it('every top-level kind has metadata at field 1, like every upstream object', () => {
    for (const [gvk, type] of Object.entries(KINDS)) {
      if (type === 'meta.DeleteOptions') continue;
      expect(REGISTRY[type][1], gvk).toMatchObject({ name: 'metadata', type: 'meta.ObjectMeta' });
    }
  });

  it('spot-checks upstream field numbers that kubectl relies on', () => {
    expect(REGISTRY['meta.ObjectMeta'][11].name).toBe('labels');
    expect(REGISTRY['meta.ObjectMeta'][17].name).toBe('managedFields');
    expect(REGISTRY['meta.OwnerReference'][5].name).toBe('apiVersion');
    expect(REGISTRY['core.Secret'][3].name).toBe('type');
    expect(REGISTRY['core.Container'][19].name).toBe('envFrom');
    expect(REGISTRY['core.PodSpec'][20].name).toBe('initContainers');
    expect(REGISTRY['apps.DeploymentSpec'][9].name).toBe('progressDeadlineSeconds');
    expect(REGISTRY['batch.CronJobSpec'][8].name).toBe('timeZone');
    expect(REGISTRY['net.IngressSpec'][4].name).toBe('ingressClassName');
    expect(REGISTRY['authz.ResourceAttributes'][7].name).toBe('name');
    expect(REGISTRY['authz.SubjectAccessReviewStatus'][4].name).toBe('denied');
  });
});
