import { describe, expect, it } from 'vitest';
import { storedBody, withResourceVersion } from './types';

describe('stored bodies', () => {
  it('put apiVersion, kind and metadata first and drop resourceVersion', () => {
    const body = storedBody({ spec: { template: { metadata: { labels: { a: 'b' } } } }, metadata: { name: 'x', resourceVersion: '9' }, kind: 'Deployment', apiVersion: 'apps/v1' });
    expect(body).toBe('{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x"},"spec":{"template":{"metadata":{"labels":{"a":"b"}}}}}');
  });

  it('splice the revision into the top-level metadata only', () => {
    const body = storedBody({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { template: { metadata: {} } } });
    const out = JSON.parse(withResourceVersion(body, 42));
    expect(out.metadata).toEqual({ resourceVersion: '42', name: 'x' });
    expect(out.spec.template.metadata).toEqual({});
    expect(JSON.parse(withResourceVersion('{"apiVersion":"v1","kind":"X","metadata":{}}', 7)).metadata).toEqual({ resourceVersion: '7' });
  });

  it('fall back to parsing when the layout is not the stored one', () => {
    const odd = '{"spec":{"metadata":{"x":1}},"metadata":{"name":"n"}}';
    const out = JSON.parse(withResourceVersion(odd, 3));
    expect(out.metadata).toEqual({ name: 'n', resourceVersion: '3' });
    expect(out.spec.metadata).toEqual({ x: 1 });
  });
});
