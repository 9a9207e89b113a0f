import { describe, expect, it } from 'vitest';
import { committedJson, rememberCommittedJson } from './committed-json';
import { storedBody } from './types';

describe('committed JSON', () => {
  const pod = () => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns', uid: 'u-1' }, spec: { containers: [{ name: 'c', image: 'busybox' }] }, status: {} });

  it('answers with the stored body and the write revision, equal to serializing the object', () => {
    const obj = pod() as ReturnType<typeof pod> & { metadata: { resourceVersion?: string } };
    rememberCommittedJson(obj, storedBody(obj), 42);
    obj.metadata.resourceVersion = '42';
    const json = committedJson(obj);
    expect(json).toBeDefined();
    expect(JSON.parse(json!)).toEqual(JSON.parse(JSON.stringify(obj)));
  });

  it('answers nothing for an object no write stored, or whose resourceVersion moved on', () => {
    expect(committedJson(pod())).toBeUndefined();
    expect(committedJson('text')).toBeUndefined();
    expect(committedJson(null)).toBeUndefined();
    const obj = pod() as ReturnType<typeof pod> & { metadata: { resourceVersion?: string } };
    rememberCommittedJson(obj, storedBody(obj), 7);
    expect(committedJson(obj)).toBeUndefined(); // resourceVersion not yet set to the write's
    obj.metadata.resourceVersion = '8';
    expect(committedJson(obj)).toBeUndefined();
  });
});
