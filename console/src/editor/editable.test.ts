import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { editableYaml } from './editable';

describe('editable YAML', () => {
  it('drops what the server owns and keeps the resourceVersion for a conditional save', () => {
    const y = editableYaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'd', uid: 'u', resourceVersion: '7', generation: 1, creationTimestamp: 't', managedFields: [{}] }, data: { a: 'b' }, status: { x: 1 } });
    expect(parse(y)).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'd', resourceVersion: '7' }, data: { a: 'b' } });
  });
});
