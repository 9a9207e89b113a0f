// What a benchmarked store must offer. Both implementations speak HTTP+JSON with keep-alive.

/** A stored object as read back: its version token (resourceVersion / mod_revision) and its JSON. */
export interface Stored {
  version: string;
  obj: Record<string, any>;
}

export interface ListResult {
  items: number;
  /** To the response headers / to the last body byte; the rest of the measured time is JSON.parse. */
  headersMs: number;
  bodyMs: number;
}

export interface WatchHandle {
  /** Resolves once the stream is accepted (our 200 headers; etcd's `created` message). */
  ready: Promise<void>;
  /** True when the stream failed or ended early. */
  broken(): string | undefined;
  stop(): void;
}

export interface Target {
  readonly name: string;
  /** Makes `ns` usable (our Namespace object; nothing for etcd). */
  prepareNamespace(ns: string): Promise<void>;
  create(ns: string, name: string, pod: Record<string, unknown>): Promise<void>;
  get(ns: string, name: string): Promise<Stored>;
  /** Writes `obj` only if the object is still at `version` (our PUT with resourceVersion; etcd txn). */
  update(ns: string, name: string, version: string, obj: Record<string, unknown>): Promise<void>;
  /** Lists the namespace's pods (the body is parsed on both sides). */
  list(ns: string): Promise<ListResult>;
  /** The revision to start a watch after, so no write after this call is missed. */
  revision(ns: string): Promise<string>;
  /** Streams the namespace's pod changes after `rev`, calling `onEvent` with each pod name. */
  watch(ns: string, rev: string, onEvent: (name: string, arrivedAt: number) => void): WatchHandle;
  close(): Promise<void>;
}
