// The store: a narrow interface over D1, one file per verb.
export { dbOf, type Db, type StoreEnv } from './db';
export { getObject, getObjects } from './get';
export { listObjects, type ListQuery, type ListResult } from './list';
export { createObject, createObjects, type CreateOutcome, type NewWrite } from './create';
export { updateObject, updateObjects, type CasWrite, type UpdateOutcome } from './update';
export { deleteObject, type DeleteOutcome } from './delete';
export { readChanges, readChangesNow, type ChangesQuery } from './changes';
export { compact, DEFAULT_COMPACTION, type CompactionPolicy } from './compact';
export { currentRevision, compactedRevision } from './revision';
export type { ObjectKey, IndexColumns, StoredRow, ChangeRow } from './types';
export { type Allocation, type AllocationChange } from './allocations';
export { rewrapChangeLog, type RewrapResult } from './encryption';
