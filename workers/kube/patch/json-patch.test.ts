import { describe, expect, it } from 'vitest';
import { StatusError } from '../status';
import { applyJsonPatch, MAX_JSON_PATCH_OPERATIONS } from './json-patch';

function errorOf(target: unknown, ops: unknown): StatusError {
  try {
    applyJsonPatch(target, ops);
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('expected rejection');
}

describe('applyJsonPatch applies (RFC 6902 appendix A and more)', () => {
  const cases: [string, unknown, unknown[], unknown][] = [
    ['add object member', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }], { foo: 'bar', baz: 'qux' }],
    ['add array element', { foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }], { foo: ['bar', 'qux', 'baz'] }],
    ['add at array end by index', { foo: [1] }, [{ op: 'add', path: '/foo/1', value: 2 }], { foo: [1, 2] }],
    ['append with -', { foo: [1] }, [{ op: 'add', path: '/foo/-', value: [2] }], { foo: [1, [2]] }],
    ['add replaces existing member', { foo: 1 }, [{ op: 'add', path: '/foo', value: 2 }], { foo: 2 }],
    ['add nested object', { foo: 'bar' }, [{ op: 'add', path: '/child', value: { grandchild: {} } }], { foo: 'bar', child: { grandchild: {} } }],
    ['add null value', { a: 1 }, [{ op: 'add', path: '/b', value: null }], { a: 1, b: null }],
    ['add whole document', { a: 1 }, [{ op: 'add', path: '', value: [1] }], [1]],
    ['remove member', { baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }], { foo: 'bar' }],
    ['remove element', { foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }], { foo: ['bar', 'baz'] }],
    ['replace member', { baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }], { baz: 'boo', foo: 'bar' }],
    ['replace element', { a: [1, 2] }, [{ op: 'replace', path: '/a/0', value: 9 }], { a: [9, 2] }],
    ['replace whole document', { a: 1 }, [{ op: 'replace', path: '', value: { b: 2 } }], { b: 2 }],
    [
      'move member',
      { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
      [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
      { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
    ],
    ['move element', { foo: ['all', 'grass', 'cows', 'eat'] }, [{ op: 'move', from: '/foo/1', path: '/foo/3' }], { foo: ['all', 'cows', 'eat', 'grass'] }],
    ['move to itself', { a: { b: 1 } }, [{ op: 'move', from: '/a', path: '/a' }], { a: { b: 1 } }],
    ['copy', { a: { b: [1] } }, [{ op: 'copy', from: '/a', path: '/c' }], { a: { b: [1] }, c: { b: [1] } }],
    ['copy root into child', { a: 1 }, [{ op: 'copy', from: '', path: '/b' }], { a: 1, b: { a: 1 } }],
    ['test passes', { baz: 'qux', foo: ['a', 2, 'c'] }, [{ op: 'test', path: '/baz', value: 'qux' }, { op: 'test', path: '/foo/1', value: 2 }], { baz: 'qux', foo: ['a', 2, 'c'] }],
    ['test ignores key order', { a: { x: 1, y: 2 } }, [{ op: 'test', path: '/a', value: { y: 2, x: 1 } }], { a: { x: 1, y: 2 } }],
    ['test whole document', [1], [{ op: 'test', path: '', value: [1] }], [1]],
    ['escaped pointer', { 'a/b': { 'm~n': 1 } }, [{ op: 'replace', path: '/a~1b/m~0n', value: 2 }], { 'a/b': { 'm~n': 2 } }],
    ['~01 means ~1 literally', { '~1': 1 }, [{ op: 'remove', path: '/~01' }], {}],
    ['empty key', { '': 1 }, [{ op: 'replace', path: '/', value: 2 }], { '': 2 }],
    ['numeric key on object', { '0': 'a' }, [{ op: 'replace', path: '/0', value: 'b' }], { '0': 'b' }],
    ['extra members are ignored', { a: 1 }, [{ op: 'remove', path: '/a', value: 'ignored', extra: true }], {}],
    ['empty patch', { a: 1 }, [], { a: 1 }],
    [
      'operations apply in order',
      { spec: { replicas: 1 } },
      [
        { op: 'test', path: '/spec/replicas', value: 1 },
        { op: 'replace', path: '/spec/replicas', value: 3 },
        { op: 'add', path: '/metadata', value: { labels: {} } },
        { op: 'add', path: '/metadata/labels/app', value: 'web' },
      ],
      { spec: { replicas: 3 }, metadata: { labels: { app: 'web' } } },
    ],
  ];
  it.each(cases)('%s', (_name, target, ops, want) => {
    expect(applyJsonPatch(target, ops)).toEqual(want);
  });

  it('treats a null patch document as empty, as Go decodes it', () => {
    expect(applyJsonPatch({ a: 1 }, null)).toEqual({ a: 1 });
  });

  it('never modifies the target or the patch, and shares no structure with them', () => {
    const target = { a: [1, 2], b: { c: 1 } };
    const value = { deep: [1] };
    const ops = [
      { op: 'add', path: '/a/-', value },
      { op: 'remove', path: '/b/c' },
    ];
    const out = applyJsonPatch(target, ops) as { a: unknown[] };
    expect(target).toEqual({ a: [1, 2], b: { c: 1 } });
    (out.a[2] as { deep: number[] }).deep.push(2);
    expect(value.deep).toEqual([1]);
    expect(ops).toEqual([
      { op: 'add', path: '/a/-', value: { deep: [1] } },
      { op: 'remove', path: '/b/c' },
    ]);
  });

  it('leaves the target untouched when a later operation fails', () => {
    const target = { a: 1 };
    errorOf(target, [{ op: 'replace', path: '/a', value: 2 }, { op: 'test', path: '/a', value: 1 }]);
    expect(target).toEqual({ a: 1 });
  });
});

describe('applyJsonPatch rejects malformed patches with 400', () => {
  const cases: [string, unknown, string][] = [
    ['an object', { op: 'add' }, 'json: cannot unmarshal object into Go value of type jsonpatch.Patch'],
    ['a string', 'add', 'json: cannot unmarshal string into Go value of type jsonpatch.Patch'],
    ['a non-object operation', [1], 'json: cannot unmarshal number into Go value of type jsonpatch.Operation'],
    ['a null operation', [null], 'json: cannot unmarshal object into Go value of type jsonpatch.Operation'],
  ];
  it.each(cases)('%s', (_name, ops, message) => {
    const err = errorOf({ a: 1 }, ops);
    expect(err.code).toBe(400);
    expect(err.reason).toBe('BadRequest');
    expect(err.message).toBe(message);
  });
});

describe('applyJsonPatch rejects malformed operations with 422, as upstream', () => {
  const cases: [string, unknown, string][] = [
    ['an unknown op', [{ op: 'merge', path: '/a' }], 'operation 0: Unexpected kind: merge'],
    ['a missing op', [{ path: '/a' }], 'operation 0: Unexpected kind: unknown'],
    ['a missing path', [{ op: 'remove' }], 'operation 0: remove operation missing path field'],
    ['a non-string path', [{ op: 'remove', path: 1 }], 'operation 0: remove operation missing path field'],
    ['a missing value', [{ op: 'add', path: '/a' }], 'operation 0: add operation missing value field'],
    ['a missing from', [{ op: 'copy', path: '/a' }], 'operation 0: copy operation missing from field'],
    ['a relative pointer', [{ op: 'remove', path: 'a' }], 'invalid JSON pointer "a": must be empty or start with "/"'],
    ['a bad escape', [{ op: 'remove', path: '/a~2' }], 'invalid JSON pointer "/a~2": "~" must be followed by "0" or "1"'],
    ['a trailing tilde', [{ op: 'remove', path: '/a~' }], 'invalid JSON pointer "/a~": "~" must be followed by "0" or "1"'],
  ];
  it.each(cases)('%s', (_name, ops, message) => {
    const err = errorOf({ a: 1 }, ops);
    expect(err.code).toBe(422);
    expect(err.reason).toBe('Invalid');
    expect(err.message).toContain(message);
  });

  it('caps the number of operations with 413', () => {
    const ops = Array.from({ length: MAX_JSON_PATCH_OPERATIONS + 1 }, () => ({ op: 'test', path: '', value: 1 }));
    const err = errorOf(1, ops);
    expect(err.code).toBe(413);
    expect(err.message).toBe('Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001');
  });
});

describe('applyJsonPatch rejects operations that cannot apply with 422', () => {
  const doc = { a: { b: 1 }, list: [1, 2], s: 'x' };
  const cases: [string, unknown[], string][] = [
    ['add under a missing parent', [{ op: 'add', path: '/x/y', value: 1 }], 'add operation does not apply: doc is missing path: "/x/y": missing value'],
    ['add under a scalar', [{ op: 'add', path: '/s/y', value: 1 }], 'add operation does not apply: doc is missing path: "/s/y": missing value'],
    ['add past the array end', [{ op: 'add', path: '/list/3', value: 1 }], 'add operation does not apply: invalid index referenced: "/list/3"'],
    ['add at a negative index', [{ op: 'add', path: '/list/-1', value: 1 }], 'add operation does not apply: invalid index referenced: "/list/-1"'],
    ['add at a leading-zero index', [{ op: 'add', path: '/list/01', value: 1 }], 'add operation does not apply: invalid index referenced: "/list/01"'],
    ['remove a missing member', [{ op: 'remove', path: '/a/c' }], 'remove operation does not apply: doc is missing path: "/a/c": missing value'],
    ['remove past the array end', [{ op: 'remove', path: '/list/2' }], 'remove operation does not apply: invalid index referenced: "/list/2"'],
    ['remove with -', [{ op: 'remove', path: '/list/-' }], 'remove operation does not apply: invalid index referenced: "/list/-"'],
    ['remove the root', [{ op: 'remove', path: '' }], 'remove operation does not apply: the document root cannot be removed'],
    ['replace a missing member', [{ op: 'replace', path: '/a/c', value: 1 }], 'replace operation does not apply: doc is missing key: "/a/c": missing value'],
    ['replace past the array end', [{ op: 'replace', path: '/list/2', value: 1 }], 'replace operation does not apply: invalid index referenced: "/list/2"'],
    ['move from a missing path', [{ op: 'move', from: '/nope', path: '/b' }], 'move operation does not apply: doc is missing from path: "/nope": missing value'],
    ['move into its own child', [{ op: 'move', from: '/a', path: '/a/b/c' }], 'move operation does not apply: cannot move "/a" into its own child "/a/b/c"'],
    ['copy from a missing path', [{ op: 'copy', from: '/nope', path: '/b' }], 'copy operation does not apply: doc is missing from path: "/nope": missing value'],
    ['a failing test', [{ op: 'test', path: '/a/b', value: 2 }], 'testing value /a/b failed: test failed'],
    ['a test of a missing path', [{ op: 'test', path: '/zzz', value: null }], 'testing value /zzz failed: test failed'],
    ['a test with a different type', [{ op: 'test', path: '/a/b', value: '1' }], 'testing value /a/b failed: test failed'],
    ['an inherited member', [{ op: 'remove', path: '/constructor' }], 'remove operation does not apply: doc is missing path: "/constructor": missing value'],
  ];
  it.each(cases)('%s', (_name, ops, detail) => {
    const err = errorOf(doc, ops);
    expect(err.code).toBe(422);
    expect(err.reason).toBe('Invalid');
    expect(err.message).toBe(`the server rejected our request due to an error in our request: ${detail}`);
    expect(err.details?.causes).toEqual([{ message: detail }]);
  });
});

describe('applyJsonPatch and prototype pollution', () => {
  it('adds __proto__ and constructor members as data', () => {
    const out = applyJsonPatch({}, [
      { op: 'add', path: '/__proto__', value: { polluted: 'yes' } },
      { op: 'add', path: '/constructor', value: { prototype: { polluted: 'yes' } } },
    ]) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}');
  });

  it('cannot reach Object.prototype through __proto__ paths', () => {
    const err = errorOf({}, [{ op: 'add', path: '/__proto__/polluted', value: 'yes' }]);
    expect(err.code).toBe(422);
    expect(errorOf({ a: {} }, [{ op: 'add', path: '/a/constructor/prototype/polluted', value: 'yes' }]).code).toBe(422);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('edits a document whose own __proto__ member came from JSON.parse', () => {
    const target = JSON.parse('{"__proto__": {"x": 1}}');
    const out = applyJsonPatch(target, [{ op: 'add', path: '/__proto__/y', value: 2 }]);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"x":1,"y":2}}');
    expect(({} as Record<string, unknown>).y).toBeUndefined();
  });
});
