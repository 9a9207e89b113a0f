// JSON helpers for request handling: Go-like null stripping, canonical text, structural equality.
export { dropNulls } from './drop-nulls';
export { canonicalJson } from './canonical';
export { deepEqual } from './deep-equal';
