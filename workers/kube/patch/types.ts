// The PATCH content types the API understands, named by their media types.

export type PatchType =
  | 'application/json-patch+json'
  | 'application/merge-patch+json'
  | 'application/strategic-merge-patch+json'
  | 'application/apply-patch+yaml';

export const PATCH_TYPES: readonly PatchType[] = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];

/** Reads a Content-Type header (parameters such as `; charset=utf-8` ignored); undefined when not a patch type. */
export function patchTypeOf(contentType: string | null | undefined): PatchType | undefined {
  if (!contentType) return undefined;
  const media = contentType.split(';')[0].trim().toLowerCase();
  return (PATCH_TYPES as readonly string[]).includes(media) ? (media as PatchType) : undefined;
}
