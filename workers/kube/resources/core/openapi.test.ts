// Our schemas feed the OpenAPI document: every core type must convert, be named upstream's way,
// and carry a description for kubectl explain.
import { describe, it, expect } from 'vitest';
import { convertZodSchema } from '../../openapi/zod-schema';
import { resources, binding } from './index';
import { podTemplateSpec } from './pod/spec';

describe('core/v1 OpenAPI', () => {
  const all = [...resources.map((r) => r.schema), binding, podTemplateSpec];
  const components = Object.assign({}, ...all.map((s) => convertZodSchema(s).components)) as Record<string, { description?: string; properties?: Record<string, { description?: string }> }>;

  it('names top-level kinds and nested types as upstream does', () => {
    for (const r of resources) expect(components[`io.k8s.api.core.v1.${r.kind}`], r.kind).toBeDefined();
    for (const t of ['PodSpec', 'Container', 'Probe', 'Volume', 'ServiceSpec', 'ServicePort', 'PersistentVolumeClaimSpec', 'Toleration', 'Affinity', 'EnvVar', 'ObjectReference', 'Binding'])
      expect(components[`io.k8s.api.core.v1.${t}`], t).toBeDefined();
  });

  it('describes every core type', () => {
    const undescribed = Object.entries(components)
      .filter(([name, s]) => name.startsWith('io.k8s.api.core.v1.') && !s.description)
      .map(([name]) => name);
    expect(undescribed).toEqual([]);
  });

  it('carries the strategic merge keys', () => {
    const spec = components['io.k8s.api.core.v1.PodSpec'].properties as Record<string, Record<string, unknown>>;
    expect(spec.containers['x-kubernetes-patch-merge-key']).toBe('name');
    expect(spec.tolerations['x-kubernetes-list-type']).toBe('atomic');
    const c = components['io.k8s.api.core.v1.Container'].properties as Record<string, Record<string, unknown>>;
    expect(c.ports['x-kubernetes-list-map-keys']).toEqual(['containerPort', 'protocol']);
  });
});
