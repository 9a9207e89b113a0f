import { describe, expect, it } from 'vitest';
import type { PodTemplateSpec } from '../common/types';
import { canonicalTemplate, podTemplateHash, templatesEqual } from './hash';

const tpl = (): PodTemplateSpec => ({
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'c', image: 'nginx:1', resources: {} }], restartPolicy: 'Always' },
});

describe('podTemplateHash', () => {
  it('is stable and uses only the safe alphabet', () => {
    const h = podTemplateHash(tpl());
    expect(h).toBe(podTemplateHash(tpl()));
    expect(h).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
  });

  it.each([
    { name: 'the null creationTimestamp kubectl undo sends', edit: (t: any) => (t.metadata.creationTimestamp = null) },
    { name: 'an absent resources instead of resources: {}', edit: (t: any) => delete t.spec.containers[0].resources },
    { name: 'the pod-template-hash label copied from a ReplicaSet', edit: (t: any) => (t.metadata.labels['pod-template-hash'] = 'abc') },
    { name: 'key order', edit: (t: any) => (t.spec = { restartPolicy: 'Always', containers: t.spec.containers }) },
    { name: 'empty lists and maps', edit: (t: any) => Object.assign(t.spec, { volumes: [], nodeSelector: {} }) },
  ])('ignores $name', ({ edit }) => {
    const t = tpl();
    edit(t);
    expect(podTemplateHash(t)).toBe(podTemplateHash(tpl()));
    expect(templatesEqual(t, tpl())).toBe(true);
  });

  it.each([
    { name: 'the image', edit: (t: any) => (t.spec.containers[0].image = 'nginx:2') },
    { name: 'a label', edit: (t: any) => (t.metadata.labels.tier = 'front') },
    { name: 'an annotation', edit: (t: any) => (t.metadata.annotations = { restartedAt: 'now' }) },
    { name: 'container order', edit: (t: any) => t.spec.containers.unshift({ name: 'sidecar', image: 'envoy' }) },
  ])('changes with $name', ({ edit }) => {
    const t = tpl();
    edit(t);
    expect(podTemplateHash(t)).not.toBe(podTemplateHash(tpl()));
    expect(templatesEqual(t, tpl())).toBe(false);
  });

  it('changes with the collision count, and a count of 0 differs from none', () => {
    const seen = new Set([undefined, 0, 1, 2].map((c) => podTemplateHash(tpl(), c)));
    expect(seen.size).toBe(4);
  });

  it('hashes canonical JSON without the noise', () => {
    const t: any = tpl();
    t.metadata.creationTimestamp = null;
    expect(canonicalTemplate(t)).toBe('{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1","name":"c"}],"restartPolicy":"Always"}}');
  });
});
