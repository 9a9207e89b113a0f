// OpenAPI v3 documents generated from ResourceDefs (the zod schemas), served at /openapi/v3.
//
// What kubectl 1.32 reads from them (see /work/shared/reference/kubectl-contract.md section 2):
// - GET /openapi/v3 → `paths[<key>].serverRelativeURL`, then fetches the group-version document it needs.
// - apply/create/replace/diff: every PATCH operation whose `x-kubernetes-group-version-kind` equals the
//   object's GVK must list the query parameter `fieldValidation` in `operation.parameters` (Go map order
//   decides which PATCH is checked first, so all of them carry it, status/scale included); otherwise
//   kubectl falls back to /openapi/v2 and fails with "failed to download openapi".
// - explain: `components.schemas` entries with `x-kubernetes-group-version-kind: [{group, kind, version}]`,
//   `description`, `properties`, `required`, `type`, `items`, `additionalProperties`, `$ref` and
//   `allOf: [{$ref}]` (all refs as "#/components/schemas/<name>").
// - client-side apply: `x-kubernetes-patch-merge-key` / `x-kubernetes-patch-strategy` on list fields.
export { openApiGroupVersion, openApiDocument, openApiKeys, groupVersionKey } from './document';
export { openApiIndex, openApiIndexHashed } from './openapi-index';
export type { OpenApiIndex } from './openapi-index';
export { openApiHash, openApiHashes } from './hash';
export type { OpenApiDocument } from './shell';
export { PATCH_CONTENT_TYPES } from './paths';
export { defaultSchemaName } from './components';
