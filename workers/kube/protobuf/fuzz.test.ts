import { describe, expect, it } from 'vitest';
import { StatusError } from '../status';
import { KINDS } from './descriptors';
import { encodeBody } from './encode.testing';
import { decodeKubernetesProtobuf } from './index';
import { fullObject, kubectlSamples } from './samples.testing';

// Seeded PRNG (mulberry32) so a failure is reproducible from its iteration number.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('protobuf decoder fuzz', () => {
  it('5,000 random, truncated and mutated bodies: each decodes or throws a 400/415 StatusError, fast', () => {
    const rand = prng(0x6b387300);
    const int = (n: number) => Math.floor(rand() * n);
    const valid = [
      ...Object.entries(kubectlSamples).map(([type, obj]) => encodeBody(obj, type)),
      ...Object.entries(KINDS).map(([gvk, type]) => {
        const i = gvk.lastIndexOf('/');
        return encodeBody({ apiVersion: gvk.slice(0, i), kind: gvk.slice(i + 1), ...fullObject(type, 5) }, type); // shallower: keeps the run fast
      }),
    ];
    const magic = [0x6b, 0x38, 0x73, 0x00];
    const outcomes = { ok: 0, 400: 0, 415: 0 };
    for (let n = 0; n < 5000; n++) {
      let body: Uint8Array;
      const mode = n % 4;
      if (mode === 0) {
        body = Uint8Array.from({ length: int(300) }, () => int(256));
        if (rand() < 0.8) body.set(magic.slice(0, Math.min(4, body.length)));
      } else {
        const src = valid[int(valid.length)];
        if (mode === 1) body = src.slice(0, int(src.length));
        else {
          body = src.slice();
          for (let k = 1 + int(4); k > 0; k--) {
            const at = 4 + int(body.length - 4);
            body[at] = rand() < 0.5 ? int(256) : body[at] ^ (1 << int(8));
          }
          if (mode === 3) body = body.slice(0, body.length - int(8));
        }
      }
      try {
        const out = decodeKubernetesProtobuf(body);
        JSON.stringify(out.object);
        outcomes.ok++;
      } catch (e) {
        if (!(e instanceof StatusError) || (e.code !== 400 && e.code !== 415)) {
          throw new Error(`iteration ${n}: unexpected ${e instanceof StatusError ? e.code : String(e)}`);
        }
        outcomes[e.code]++;
      }
    }
    expect(outcomes.ok).toBeGreaterThan(0);
    expect(outcomes[400]).toBeGreaterThan(0);
  });
});
