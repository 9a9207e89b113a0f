export { ApiClient, statusErrorOf, type ClientOptions, type Fetcher, type ObjectList, type PatchType } from './client';
export { resourcePath, parseStorageResource, type ResourceRef } from './paths';
