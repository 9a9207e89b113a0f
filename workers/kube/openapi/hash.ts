// Content hashes for the ?hash= query in the OpenAPI index: kubectl caches a document per URL, so the
// URL must change exactly when the document does.
import type { ResourceDef } from '../registry/types';
import { openApiDocument, openApiKeys } from './document';

/** Uppercase hex SHA-256 of the document's JSON (documents are built deterministically). */
export async function openApiHash(doc: unknown): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(doc)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
}

const cache = new WeakMap<readonly ResourceDef<any>[], Promise<Record<string, string>>>();

/** Hash of every document the index lists, by key; computed once per defs array. */
export function openApiHashes(defs: readonly ResourceDef<any>[]): Promise<Record<string, string>> {
  let hit = cache.get(defs);
  if (!hit) {
    hit = (async () => {
      const out: Record<string, string> = {};
      for (const key of openApiKeys(defs)) out[key] = await openApiHash(openApiDocument(defs, key) ?? null);
      return out;
    })();
    cache.set(defs, hit);
  }
  return hit;
}
