export * from './primitives';
export * from './object-meta';
export * from './kobject';
