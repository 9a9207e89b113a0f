// Pure reconcile decisions for the workload controllers and the garbage collector; the runtime
// feeds them objects and carries out the actions they return.
export * as replicaset from './replicaset';
export * as deployment from './deployment';
export * as garbagecollector from './garbagecollector';
export * from './common';
