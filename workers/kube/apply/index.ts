// Server-side apply and managedFields (structured-merge-diff semantics) as pure functions.
export { serverSideApply, type ApplyOptions, type ApplyResult } from './apply';
export { updateManagedFields, baseManagers } from './update';
export { fieldsOf, DuplicateItemError } from './fields';
export { FieldSet } from './fieldset';
export { compare, type Comparison } from './compare';
export { conflictError, describeManager, type ManagerConflict } from './conflict';
export { decodeManaged, encodeManaged, identity, sortManaged, capUpdateManagers, type Managed, type ManagedFieldsEntry } from './managers';
export { elementKey, parseElementKey, pathString, type Path, type PathElement } from './path';
export { nodeOf, type ApplyNode } from './schema';
export { trackedPart, STRIPPED, UNOWNED_METADATA } from './tracking';
