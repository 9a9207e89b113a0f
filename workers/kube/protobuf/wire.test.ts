import { describe, expect, it } from 'vitest';
import { StatusError } from '../status';
import { envelope, Writer } from './encode.testing';
import { decodeKubernetesProtobuf } from './index';
import { MAX_DEPTH, Reader } from './wire';

const codeOf = (fn: () => unknown): number | string => {
  try {
    fn();
    return 'no error';
  } catch (e) {
    return e instanceof StatusError ? e.code : `not a StatusError: ${String(e)}`;
  }
};
const cm = (raw: Uint8Array) => envelope('v1', 'ConfigMap', raw);

describe('protobuf wire reader', () => {
  it('reads varints up to 64 bits, sign-extended int32 and int64', () => {
    const b = new Writer().varint(300).varint(-1).varint(2n ** 63n).varint(-(2n ** 40n)).finish();
    const r = new Reader(b);
    expect(r.int64()).toBe(300);
    expect(r.int32()).toBe(-1);
    expect(r.int64()).toBe(Number(-(2n ** 63n)));
    expect(r.int64()).toBe(-(2 ** 40));
    expect(r.done()).toBe(true);
  });

  it('int32 keeps the low 32 bits of an oversized varint, as Go does', () => {
    expect(new Reader(new Writer().varint(2 ** 32 + 5).finish()).int32()).toBe(5);
  });

  it('rejects truncated and overlong input with 400', () => {
    expect(codeOf(() => new Reader(Uint8Array.from([0x80, 0x80])).int64())).toBe(400);
    expect(codeOf(() => new Reader(Uint8Array.from(Array(11).fill(0xff))).int64())).toBe(400);
    expect(codeOf(() => new Reader(Uint8Array.from([0x05, 1, 2])).bytes())).toBe(400);
    expect(codeOf(() => new Reader(Uint8Array.from([1, 2, 3])).double())).toBe(400);
    expect(codeOf(() => new Reader(Uint8Array.from([0x00])).tag())).toBe(400); // field 0
  });

  it('skips groups to their end tag and rejects mismatched or endless ones', () => {
    // field 5 start group { field 1 varint 7 } field 5 end group, then field 2 varint 1
    const ok = new Reader(Uint8Array.from([0x2b, 0x08, 0x07, 0x2c, 0x10, 0x01]));
    const [f, wt] = ok.tag();
    ok.skip(wt, 0, f);
    expect(ok.tag()).toEqual([2, 0]);
    expect(codeOf(() => new Reader(Uint8Array.from([0x08, 0x07, 0x34])).skip(3, 0, 5))).toBe(400);
    const deep = Uint8Array.from([...Array(MAX_DEPTH + 5).fill(0x0b)]);
    expect(codeOf(() => new Reader(deep).skip(3, 0, 1))).toBe(400);
    expect(codeOf(() => new Reader(Uint8Array.from([0x0e])).skip(6, 0, 1))).toBe(400);
  });
});

describe('decodeKubernetesProtobuf errors and edge cases', () => {
  it('requires the k8s envelope, a kind and an apiVersion', () => {
    expect(codeOf(() => decodeKubernetesProtobuf(new Uint8Array(0)))).toBe(400);
    expect(codeOf(() => decodeKubernetesProtobuf(Uint8Array.from([0x7b, 0x7d])))).toBe(400);
    expect(codeOf(() => decodeKubernetesProtobuf(envelope('v1', '', new Uint8Array(0))))).toBe(400);
    expect(codeOf(() => decodeKubernetesProtobuf(envelope('', 'ConfigMap', new Uint8Array(0))))).toBe(400);
  });

  it('answers 415 for kinds without descriptors and for compressed bodies', () => {
    const e = (() => {
      try {
        decodeKubernetesProtobuf(envelope('example.com/v1', 'Widget', new Uint8Array(0)));
      } catch (err) {
        return err as StatusError;
      }
    })();
    expect(e?.code).toBe(415);
    expect(e?.reason).toBe('UnsupportedMediaType');
    expect(e?.message).toContain('Widget (example.com/v1)');
    expect(codeOf(() => decodeKubernetesProtobuf(envelope('v1', 'ConfigMap', new Uint8Array(0), 'gzip')))).toBe(415);
  });

  it('answers 415 for volume sources it does not decode instead of dropping them', () => {
    const vol = new Writer().string(1, 'v').bytes(2, new Writer().bytes(11, new Uint8Array(0)).finish()).finish(); // rbd
    const spec = new Writer().bytes(1, vol).finish();
    expect(codeOf(() => decodeKubernetesProtobuf(envelope('v1', 'Pod', new Writer().bytes(2, spec).finish())))).toBe(415);
  });

  it('rejects a known field with the wrong wire type', () => {
    expect(codeOf(() => decodeKubernetesProtobuf(cm(Uint8Array.from([0x20, 0x01]))))).toBe('no error');
    expect(codeOf(() => decodeKubernetesProtobuf(cm(Uint8Array.from([0x22, 0x00]))))).toBe(400); // immutable as bytes
    expect(codeOf(() => decodeKubernetesProtobuf(cm(Uint8Array.from([0x10, 0x01]))))).toBe(400); // data as varint
  });

  it('keeps "__proto__" map keys as data', () => {
    // Object literals treat __proto__ specially, so the entry is written by hand.
    const entry = new Writer().string(1, '__proto__').string(2, 'x').finish();
    const obj = decodeKubernetesProtobuf(cm(new Writer().bytes(2, entry).finish())).object;
    const data = obj.data as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.keys(data)).toEqual(['__proto__']);
    expect(JSON.stringify(obj)).toContain('"__proto__":"x"');
  });

  it('merges a singular message that appears twice, and accepts packed repeated scalars', () => {
    const meta1 = new Writer().string(1, 'a').finish();
    const meta2 = new Writer().string(3, 'ns').finish();
    expect(decodeKubernetesProtobuf(cm(new Writer().bytes(1, meta1).bytes(1, meta2).finish())).object.metadata).toEqual({
      name: 'a',
      namespace: 'ns',
    });
    const packed = new Writer().varint(1).varint(-2).varint(3).finish();
    const sc = new Writer().bytes(4, packed).tag(4, 0).varint(9).finish(); // PodSecurityContext.supplementalGroups
    const spec = new Writer().bytes(14, sc).finish();
    const pod = decodeKubernetesProtobuf(envelope('v1', 'Pod', new Writer().bytes(2, spec).finish())).object;
    expect(pod.spec).toEqual({ securityContext: { supplementalGroups: [1, -2, 3, 9] } });
  });

  it('formats MicroTime-free timestamps in UTC and rejects years Go cannot print', () => {
    const ts = (s: number, n = 0) => new Writer().tag(1, 0).varint(s).tag(2, 0).varint(n).finish();
    const meta = (t: Uint8Array) => cm(new Writer().bytes(1, new Writer().bytes(9, t).finish()).finish());
    expect(decodeKubernetesProtobuf(meta(ts(0, 5e8))).object.metadata).toEqual({ deletionTimestamp: '1970-01-01T00:00:00Z' });
    expect(decodeKubernetesProtobuf(meta(ts(-62135596800 + 1))).object.metadata).toEqual({ deletionTimestamp: '0001-01-01T00:00:01Z' });
    expect(codeOf(() => decodeKubernetesProtobuf(meta(ts(253402300800))))).toBe(400);
  });

  it('parses managedFields FieldsV1 JSON and rejects non-JSON', () => {
    const entry = (raw: string) => new Writer().string(1, 'kubectl').bytes(7, new Writer().string(1, raw).finish()).finish();
    const meta = (raw: string) => cm(new Writer().bytes(1, new Writer().bytes(17, entry(raw)).finish()).finish());
    expect(decodeKubernetesProtobuf(meta('{"f:data":{}}')).object.metadata).toEqual({
      managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:data': {} } }],
    });
    expect(codeOf(() => decodeKubernetesProtobuf(meta('{nope')))).toBe(400);
  });
});
