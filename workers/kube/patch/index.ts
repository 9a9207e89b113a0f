// Patch application for PATCH requests. Strategic merge and apply patches will join these later.
export { type PatchType, PATCH_TYPES, patchTypeOf } from './types';
export { applyMergePatch } from './merge';
export { applyJsonPatch, MAX_JSON_PATCH_OPERATIONS } from './json-patch';
