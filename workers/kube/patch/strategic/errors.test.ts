// Malformed patches are refused with a Status error worded like upstream's.
import { describe, expect, it } from 'vitest';
import { StatusError } from '../../status';
import { applyStrategicMergePatch } from './index';
import { deployment, liveDeployment } from './schemas.test-helpers';

const inPod = (spec: unknown) => ({ spec: { template: { spec } } });

interface ErrorCase {
  name: string;
  patch: unknown;
  code: number;
  message: string | RegExp;
}

const cases: ErrorCase[] = [
  { name: 'a top-level array', patch: [{ op: 'add' }], code: 400, message: 'json: cannot unmarshal array into Go value of type map[string]interface {}' },
  { name: 'a top-level string', patch: 'x', code: 400, message: 'json: cannot unmarshal string into Go value of type map[string]interface {}' },
  { name: 'a top-level number', patch: 3, code: 400, message: 'json: cannot unmarshal number into Go value of type map[string]interface {}' },
  { name: 'a bad $patch on a map', patch: { metadata: { labels: { $patch: 'bogus' } } }, code: 400, message: 'unknown patch type: bogus in map: map[$patch:bogus]' },
  {
    name: 'a bad $patch in a list item',
    patch: inPod({ containers: [{ name: 'nginx', $patch: 'remove' }] }),
    code: 400,
    message: 'unknown patch type: remove in map: map[$patch:remove name:nginx]',
  },
  { name: '$patch merge in a list item', patch: inPod({ containers: [{ $patch: 'merge' }] }), code: 400, message: 'merging lists cannot yet be specified in the patch' },
  {
    name: 'a merge list item without its merge key',
    patch: inPod({ containers: [{ image: 'x' }] }),
    code: 400,
    message: 'map: map[image:x] does not contain declared merge key: name',
  },
  {
    name: 'a delete item without its merge key',
    patch: inPod({ containers: [{ $patch: 'delete', image: 'x' }] }),
    code: 400,
    message: 'map: map[$patch:delete image:x] does not contain declared merge key: name',
  },
  { name: 'an unknown $-directive', patch: { spec: { $replicas: 3 } }, code: 400, message: 'unknown strategic merge patch directive "$replicas" at spec' },
  { name: '$retainKeys that is not a list', patch: { spec: { strategy: { $retainKeys: 'type' } } }, code: 400, message: 'invalid patch format of retainKeys' },
  {
    name: 'a patch key missing from $retainKeys',
    patch: { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: { maxSurge: 1 } } } },
    code: 400,
    message: 'invalid patch format of retainKeys',
  },
  { name: '$setElementOrder that is not a list', patch: inPod({ '$setElementOrder/containers': { name: 'x' } }), code: 400, message: 'invalid patch format of setElementOrder list' },
  { name: '$setElementOrder with no field name', patch: inPod({ '$setElementOrder/': [] }), code: 400, message: 'invalid patch format of setElementOrder list' },
  {
    name: '$setElementOrder disagreeing with the patch list',
    patch: inPod({ '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }], containers: [{ name: 'sidecar' }, { name: 'nginx' }] }),
    code: 400,
    message: /doesn't match \$setElementOrder list/,
  },
  {
    name: '$setElementOrder items without the merge key',
    patch: inPod({ '$setElementOrder/containers': [{ image: 'x' }], containers: [{ name: 'nginx' }] }),
    code: 400,
    message: 'map: map[image:x] does not contain declared merge key: name',
  },
  { name: '$deleteFromPrimitiveList that is not a list', patch: { metadata: { '$deleteFromPrimitiveList/finalizers': 'a' } }, code: 400, message: 'invalid patch format of primitive list' },
  { name: 'a list of lists in a merge list', patch: { metadata: { finalizers: [['a']] } }, code: 422, message: 'lists of lists are not supported' },
  { name: 'a __proto__ key anywhere', patch: JSON.parse('{"metadata":{"labels":{"__proto__":{"polluted":"yes"}}}}'), code: 400, message: /"__proto__" is not allowed \(at metadata\.labels\.__proto__\)/ },
];

describe('malformed strategic merge patches', () => {
  it.each(cases)('refuses $name', ({ patch, code, message }) => {
    let caught: unknown;
    try {
      applyStrategicMergePatch(liveDeployment(), patch, deployment);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(StatusError);
    const err = caught as StatusError;
    expect(err.code).toBe(code);
    if (typeof message === 'string') expect(err.message).toBe(message);
    else expect(err.message).toMatch(message);
    expect(err.toStatus()).toMatchObject({ kind: 'Status', status: 'Failure', code });
  });
});

describe('prototype pollution', () => {
  it('treats constructor and prototype as ordinary keys and never touches Object.prototype', () => {
    const patch = JSON.parse('{"metadata":{"labels":{"constructor":"c","prototype":"p","toString":"t"}},"status":{"constructor":{"x":1}}}');
    const got = applyStrategicMergePatch(liveDeployment(), patch, deployment) as ReturnType<typeof liveDeployment>;
    expect(Object.getPrototypeOf(got.metadata.labels)).toBe(Object.prototype);
    expect(got.metadata.labels).toEqual({ app: 'web', tier: 'front', constructor: 'c', prototype: 'p', toString: 't' });
    expect((got.status as Record<string, unknown>).constructor).toEqual({ x: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not read inherited members as live values', () => {
    // `constructor` is absent from the live labels; deleting it must not fail or leak Object.
    const got = applyStrategicMergePatch({ metadata: { labels: { a: 'b' } } }, { metadata: { labels: { constructor: null } } }, deployment);
    expect(got).toEqual({ metadata: { labels: { a: 'b' } } });
  });

  it('refuses __proto__ before merging, leaving Object.prototype clean', () => {
    expect(() => applyStrategicMergePatch({}, JSON.parse('{"__proto__":{"polluted":"yes"}}'), deployment)).toThrow(StatusError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
