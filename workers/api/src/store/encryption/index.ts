// Secrets encrypted at rest (AES-256-GCM, upstream's aesgcm envelope); see docs/decisions.md.
export { SecretCodec, ENCRYPTED_RESOURCE, contextOf, type Opened } from './codec';
export { parseKeyList, KeyConfigError, type KeySpec } from './keys';
export { PREFIX, seal, open, importKey, keyNameOf, TransformError, type NamedKey } from './envelope';
export { rewrapChangeLog, type RewrapResult } from './rewrap';
