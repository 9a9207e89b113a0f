import { describe, expect, it } from 'vitest';
import { fieldPath, parseManifest, statusDiagnostics } from './diagnostics';

const MANIFEST = `apiVersion: v1
kind: ConfigMap
metadata:
  name: one
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: -1
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: main
          image: ""
`;

describe('server errors at the line', () => {
  it('splits field paths with indexes and bracketed map keys', () => {
    expect(fieldPath('spec.template.spec.containers[0].image')).toEqual(['spec', 'template', 'spec', 'containers', 0, 'image']);
    expect(fieldPath('metadata.labels[app.kubernetes.io/name]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
    expect(fieldPath('.spec.foo')).toEqual(['spec', 'foo']);
  });

  it('puts each cause at the key it names, in the right document', () => {
    const m = parseManifest(MANIFEST);
    expect(m.syntax).toEqual([]);
    const d = statusDiagnostics(m, 1, {
      message: 'Deployment.apps "web" is invalid: ...',
      details: {
        causes: [
          { field: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0' },
          { field: 'spec.template.spec.containers[0].image', message: 'Required value' },
        ],
      },
    });
    expect(d.map((x) => [x.line, x.message])).toEqual([
      [11, 'spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
      [20, 'spec.template.spec.containers[0].image: Required value'],
    ]);
    expect(MANIFEST.slice(d[0].from, d[0].to)).toBe('replicas');
  });

  it('falls back to the nearest existing parent for a missing field, and to the document for no field', () => {
    const m = parseManifest(MANIFEST);
    expect(statusDiagnostics(m, 1, { details: { causes: [{ field: 'spec.strategy.type', message: 'Required value' }] } })[0].line).toBe(10);
    expect(statusDiagnostics(m, 1, { message: 'strict decoding error: unknown field "spec.template.spec.containers[0].imagee"' })[0].line).toBe(19);
    const plain = statusDiagnostics(m, 0, { message: 'configmaps "one" is forbidden' });
    expect(plain).toHaveLength(1);
    expect(plain[0]).toMatchObject({ line: 1, message: 'configmaps "one" is forbidden' });
  });

  it('reports YAML syntax errors at their position', () => {
    const m = parseManifest('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x\n');
    expect(m.syntax.length).toBeGreaterThan(0);
    expect(m.syntax[0].line).toBeGreaterThanOrEqual(4);
  });
});
