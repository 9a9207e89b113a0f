export { createNodeFetcher, type NodeFetcher, type NodeFetcherOptions } from './node-fetcher';
export { watchEvents, type WatchEvent } from './watch';
export { listWatch, type ListWatchOptions } from './list-watch';
