// Watch events for `kubectl get -w`: each event's object becomes a one-row Table. Upstream sends the
// column definitions with the first event of a stream only; kubectl reuses them for later rows.
import type { KObject, ResourceDef } from '../registry/types';
import { tableFor, type TableOptions } from './table';
import type { Table } from './types';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface TableEventOptions extends Omit<TableOptions, 'listMeta' | 'noHeaders'> {
  /** True for the first event of the stream: include columnDefinitions. */
  first: boolean;
}

type Def = Pick<ResourceDef, 'group' | 'version' | 'kind'>;

export function tableEvent(def: Def, type: WatchEventType, obj: KObject, opts: TableEventOptions): { type: WatchEventType; object: Table } {
  return { type, object: tableFor(def, [obj], { ...opts, noHeaders: !opts.first }) };
}

/**
 * A per-stream encoder that remembers whether headers were sent. ERROR (a Status) and BOOKMARK
 * objects pass through unchanged and do not use up the headers.
 */
export function tableEventStream(def: Def, opts: Omit<TableEventOptions, 'first'> = {}) {
  let first = true;
  return (type: WatchEventType, obj: KObject): { type: WatchEventType; object: Table | KObject } => {
    if (type === 'ERROR' || type === 'BOOKMARK') return { type, object: obj };
    const event = tableEvent(def, type, obj, { ...opts, first });
    first = false;
    return event;
  };
}
