import { describe, it, expect } from 'vitest';
import { admit, admitUpdate, unknownFields } from '../testing/helpers';
import { controllerRevisions } from './index';

const rev = {
  apiVersion: 'apps/v1',
  kind: 'ControllerRevision',
  metadata: { name: 'web-6d4b8c7f9', namespace: 'default' },
  data: { spec: { template: { $patch: 'replace', metadata: { labels: { app: 'nginx' } } } } },
  revision: 1,
};

describe('ControllerRevision', () => {
  it('accepts opaque data and requires it', () => {
    expect(admit(controllerRevisions, rev).errors).toEqual([]);
    const { data: _data, ...noData } = rev;
    expect(admit(controllerRevisions, { ...noData, revision: -1 }).errors).toEqual([
      'data: Required value: data is mandatory',
      'revision: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('reports unknown top-level fields but not fields inside data', () => {
    expect(unknownFields(controllerRevisions, { ...rev, spec: {} })).toEqual(['spec']);
  });

  it('keeps data immutable', () => {
    expect(admitUpdate(controllerRevisions, rev, { ...rev, metadata: { ...rev.metadata, labels: { a: 'b' } } })).toEqual([]);
    expect(admitUpdate(controllerRevisions, rev, { ...rev, data: { x: 1 } })).toEqual(['data: Invalid value: {"x":1}: field is immutable']);
  });

  it('has no status or generation tracking', () => {
    expect(controllerRevisions.status).toBeUndefined();
    expect(controllerRevisions.generation).toBe('none');
  });
});
