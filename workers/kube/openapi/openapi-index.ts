// GET /openapi/v3: where each document lives, with a content hash so clients can cache it forever.
import type { ResourceDef } from '../registry/types';
import { openApiKeys } from './document';
import { openApiHashes } from './hash';

export interface OpenApiIndex {
  paths: Record<string, { serverRelativeURL: string }>;
}

/** Builds the index from `hashOf(key)` (e.g. a lookup into `openApiHashes(defs)`). */
export function openApiIndex(defs: readonly ResourceDef<any>[], hashOf: (key: string) => string): OpenApiIndex {
  const paths: OpenApiIndex['paths'] = {};
  for (const key of openApiKeys(defs)) paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hashOf(key)}` };
  return { paths };
}

/** The index with hashes computed from the documents themselves. */
export async function openApiIndexHashed(defs: readonly ResourceDef<any>[]): Promise<OpenApiIndex> {
  const hashes = await openApiHashes(defs);
  return openApiIndex(defs, (key) => hashes[key]);
}
