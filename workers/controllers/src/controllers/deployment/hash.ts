// pod-template-hash: names a Deployment's ReplicaSets after their template.
//
// Upstream hashes Go's deep printout of the template with FNV-32a. That printout cannot be reproduced
// here, so we hash a canonical JSON instead: keys sorted, and nulls, empty objects and empty lists
// dropped. The dropping is what makes `kubectl rollout undo` work: the template it sends back was
// serialized by Go and carries `creationTimestamp: null` and `resources: {}`, which must hash (and
// compare) the same as the stored template. The pod-template-hash label itself is ignored, since the
// template copied from a ReplicaSet carries it. Values differ from upstream's; the alphabet and
// length (up to 10 characters) do not.
import type { PodTemplateSpec } from '../common/types';

export const POD_TEMPLATE_HASH = 'pod-template-hash';

/** Characters that cannot spell words, as upstream's safe encoding uses. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

function normalize(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) {
    // Lists keep their holes' positions: an element that normalizes away becomes null.
    return v.length ? v.map((e) => normalize(e) ?? null) : undefined;
  }
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const n = normalize((v as Record<string, unknown>)[k]);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v;
}

/** The canonical JSON of a template: what the hash and template equality are computed over. */
export function canonicalTemplate(t: PodTemplateSpec | undefined): string {
  const copy = structuredClone(t ?? {});
  const labels = copy.metadata?.labels;
  if (labels) delete labels[POD_TEMPLATE_HASH];
  return JSON.stringify(normalize(copy) ?? {});
}

/** Whether two templates are the same once the hash label and serialization noise are ignored. */
export function templatesEqual(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return canonicalTemplate(a) === canonicalTemplate(b);
}

function fnv32a(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

/**
 * The hash label value. `collisionCount` (status.collisionCount) is mixed in as 8 little-endian bytes
 * when set, so a bumped count yields a fresh name after a collision.
 */
export function podTemplateHash(template: PodTemplateSpec | undefined, collisionCount?: number): string {
  let h = fnv32a(new TextEncoder().encode(canonicalTemplate(template)));
  if (collisionCount !== undefined) {
    const extra = new Uint8Array(8);
    new DataView(extra.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(extra, h);
  }
  return [...String(h)].map((c) => ALPHANUMS[c.charCodeAt(0) % ALPHANUMS.length]).join('');
}
