// A change prepared once for fan-out: parsed selector inputs and lazily encoded NDJSON lines.
import { matchesFields } from '../../../kube/selectors/fields';
import { matchesLabels } from '../../../kube/selectors/labels';
import type { ChangeRow } from '../store';
import type { CompiledSelectors } from './params';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

const encoder = new TextEncoder();

export class PreparedEvent {
  private readonly lines = new Map<EventType, Uint8Array>();
  readonly labels: Record<string, string>;
  readonly fields: Record<string, string>;
  readonly prevLabels?: Record<string, string>;
  readonly prevFields?: Record<string, string>;

  constructor(
    readonly revision: number,
    readonly type: EventType,
    readonly namespace: string,
    readonly name: string,
    readonly json: string,
    labels: string,
    fields: string,
    prevLabels: string | null,
    prevFields: string | null,
  ) {
    this.labels = JSON.parse(labels);
    this.fields = withMeta(JSON.parse(fields), namespace, name);
    if (prevLabels !== null) this.prevLabels = JSON.parse(prevLabels);
    if (prevFields !== null) this.prevFields = withMeta(JSON.parse(prevFields), namespace, name);
  }

  static fromChange(row: ChangeRow): PreparedEvent {
    return new PreparedEvent(row.revision, row.type, row.namespace, row.name, row.json, row.labels, row.fields, row.prevLabels, row.prevFields);
  }

  line(type: EventType): Uint8Array {
    let l = this.lines.get(type);
    if (!l) {
      l = encoder.encode(`{"type":"${type}","object":${this.json}}\n`);
      this.lines.set(type, l);
    }
    return l;
  }

  /**
   * What this change means to one watcher: an object that starts matching is ADDED, one that stops
   * matching is DELETED (selector transitions), otherwise the change's own type or nothing.
   */
  typeFor(sel: CompiledSelectors, namespace: string | undefined): EventType | null {
    if (namespace !== undefined && namespace !== this.namespace) return null;
    const now = matchesLabels(sel.labels, this.labels) && matchesFields(sel.fields, this.fields);
    if (this.type !== 'MODIFIED') return now ? this.type : null;
    const before = this.prevLabels && this.prevFields ? matchesLabels(sel.labels, this.prevLabels) && matchesFields(sel.fields, this.prevFields) : now;
    if (now && before) return 'MODIFIED';
    if (now) return 'ADDED';
    if (before) return 'DELETED';
    return null;
  }
}

function withMeta(f: Record<string, string>, namespace: string, name: string) {
  f['metadata.name'] = name;
  f['metadata.namespace'] = namespace;
  return f;
}

export function encodeLine(text: string): Uint8Array {
  return encoder.encode(text);
}
