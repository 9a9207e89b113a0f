// Garbage collector decisions: cascading deletion (Background, Foreground, Orphan) and dangling dependents.
export { decideDelete, FOREGROUND_FINALIZER, ORPHAN_FINALIZER, type DeleteDecision, type PropagationPolicy } from './deletion';
export { buildGraph, ownerOf, dependentsOf, blockingDependents, deletingDependents, type Graph } from './graph';
export { decideItem, collectGarbage, type GCAction } from './decide';
