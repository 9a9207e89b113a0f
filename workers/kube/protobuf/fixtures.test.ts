import { describe, expect, it } from 'vitest';
import { decodeKubernetesProtobuf } from './index';

// Bodies assembled byte by byte from the wire spec (not with the test encoder), in the shape Go's
// gogo-protobuf marshaller writes: every non-pointer field present, even at its zero value.
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
/** A length-delimited field: tag byte, one-byte length (all fixtures are < 128 bytes per part), payload. */
const ld = (tag: number, payload: number[]) => {
  if (payload.length > 127) throw new Error('fixture part too long');
  return [tag, payload.length, ...payload];
};
const body = (apiVersion: string, kind: string, raw: number[]) =>
  Uint8Array.from([
    0x6b, 0x38, 0x73, 0x00, // "k8s\0"
    ...ld(0x0a, [...ld(0x0a, ascii(apiVersion)), ...ld(0x12, ascii(kind))]), // 1: TypeMeta
    ...ld(0x12, raw), // 2: raw
    0x1a, 0x00, // 3: contentEncoding ""
    0x22, 0x00, // 4: contentType ""
  ]);

/** ObjectMeta as Go writes it for a new object: name (and namespace), every other scalar empty. */
const objectMeta = (name: string, namespace = '') => [
  ...ld(0x0a, ascii(name)), // 1 name
  ...ld(0x12, []), // 2 generateName ""
  ...ld(0x1a, ascii(namespace)), // 3 namespace
  ...ld(0x22, []), // 4 selfLink ""
  ...ld(0x2a, []), // 5 uid ""
  ...ld(0x32, []), // 6 resourceVersion ""
  0x38, 0x00, // 7 generation 0
  ...ld(0x42, []), // 8 creationTimestamp: zero Time = empty message
];

describe('hand-assembled protobuf fixtures', () => {
  it('ConfigMap: string and bytes maps, pointer bool, gogo zero fields dropped', () => {
    const raw = [
      ...ld(0x0a, objectMeta('cm1', 'default')),
      ...ld(0x12, [...ld(0x0a, ascii('k')), ...ld(0x12, ascii('v'))]), // 2 data {k: v}
      ...ld(0x12, [...ld(0x0a, ascii('empty')), ...ld(0x12, [])]), // 2 data {empty: ""}
      ...ld(0x1a, [...ld(0x0a, ascii('bin')), ...ld(0x12, [0x00, 0xff, 0x10])]), // 3 binaryData
      0x20, 0x00, // 4 immutable false (a *bool: present means set)
    ];
    expect(decodeKubernetesProtobuf(body('v1', 'ConfigMap', raw))).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      object: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'cm1', namespace: 'default' },
        data: { k: 'v', empty: '' },
        binaryData: { bin: 'AP8Q' },
        immutable: false,
      },
    });
  });

  it('Namespace: labels, timestamps, empty spec/status structs, unknown fields skipped', () => {
    const meta = [
      ...objectMeta('ns1').slice(0, -2), // without the empty creationTimestamp...
      ...ld(0x42, [0x08, 0x80, 0xe2, 0xcf, 0xaa, 0x06]), // 8 creationTimestamp {seconds 1700000000}
      ...ld(0x5a, [...ld(0x0a, ascii('team')), ...ld(0x12, ascii('a'))]), // 11 labels
      ...ld(0x72, ascii('kubernetes')), // 14 finalizers
      0xf8, 0x07, 0x2a, // field 127 varint: unknown, skipped
    ];
    const raw = [
      ...ld(0x0a, meta),
      ...ld(0x12, []), // 2 spec {}
      ...ld(0x1a, ld(0x0a, [])), // 3 status {phase ""}
      0x4d, 0x01, 0x02, 0x03, 0x04, // field 9 fixed32: unknown, skipped
    ];
    expect(decodeKubernetesProtobuf(body('v1', 'Namespace', raw)).object).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'ns1', creationTimestamp: '2023-11-14T22:13:20Z', labels: { team: 'a' }, finalizers: ['kubernetes'] },
      spec: {},
      status: {},
    });
  });

  it('Secret: base64 data, an entry with no value field, type', () => {
    const raw = [
      ...ld(0x0a, objectMeta('s1', 'ns')),
      ...ld(0x12, [...ld(0x0a, ascii('password')), ...ld(0x12, ascii('s3cr3t'))]), // 2 data
      ...ld(0x12, ld(0x0a, ascii('nil'))), // 2 data {nil: <no value>} -> ""
      ...ld(0x1a, ascii('Opaque')), // 3 type
    ];
    expect(decodeKubernetesProtobuf(body('v1', 'Secret', raw)).object).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's1', namespace: 'ns' },
      data: { password: 'czNjcjN0', nil: '' },
      type: 'Opaque',
    });
  });

  it('PriorityClass: negative int32 as a 10-byte varint; non-omitempty zero kept', () => {
    const raw = [
      ...ld(0x0a, objectMeta('p')),
      0x10, 0xfb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, // 2 value -5
      0x18, 0x00, // 3 globalDefault false (omitempty): dropped
      ...ld(0x22, []), // 4 description "": dropped
    ];
    expect(decodeKubernetesProtobuf(body('scheduling.k8s.io/v1', 'PriorityClass', raw)).object).toEqual({
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'p' },
      value: -5,
    });
  });

  it('SelfSubjectAccessReview as kubectl auth can-i sends it', () => {
    const attrs = [
      ...ld(0x0a, ascii('default')), // 1 namespace
      ...ld(0x12, ascii('get')), // 2 verb
      ...ld(0x1a, []), // 3 group ""
      ...ld(0x22, []), // 4 version ""
      ...ld(0x2a, ascii('pods')), // 5 resource
      ...ld(0x32, []), // 6 subresource ""
      ...ld(0x3a, []), // 7 name ""
    ];
    const raw = [
      ...ld(0x0a, objectMeta('')),
      ...ld(0x12, ld(0x0a, attrs)), // 2 spec {1 resourceAttributes}
      ...ld(0x1a, [0x08, 0x00, 0x20, 0x00, ...ld(0x12, []), ...ld(0x1a, [])]), // 3 status: allowed false, denied false
    ];
    expect(decodeKubernetesProtobuf(body('authorization.k8s.io/v1', 'SelfSubjectAccessReview', raw)).object).toEqual({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      metadata: {},
      spec: { resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods' } },
      status: { allowed: false },
    });
  });

  it('Service port: IntOrString targetPort (int and string forms) and a repeated message merged in order', () => {
    const port = (name: string, ios: number[]) => [...ld(0x0a, ascii(name)), 0x18, 0x50, ...ld(0x22, ios)];
    const raw = [
      ...ld(0x0a, objectMeta('svc')),
      ...ld(0x12, [
        ...ld(0x0a, port('a', [0x08, 0x00, 0x10, 0x90, 0x3f, ...ld(0x1a, [])])), // targetPort 8080
        ...ld(0x0a, port('b', [0x08, 0x01, 0x10, 0x00, ...ld(0x1a, ascii('http'))])), // targetPort "http"
      ]),
    ];
    expect(decodeKubernetesProtobuf(body('v1', 'Service', raw)).object).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc' },
      spec: { ports: [{ name: 'a', port: 80, targetPort: 8080 }, { name: 'b', port: 80, targetPort: 'http' }] },
    });
  });
});
