// Events, core/v1 and events.k8s.io/v1 alike (upstream prints both from one internal type):
// LAST SEEN TYPE REASON OBJECT MESSAGE | SUBOBJECT SOURCE FIRST SEEN COUNT NAME, wide columns interleaved.
import { col } from './columns';
import { since } from './duration';
import type { Printer } from './types';
import type { KObject } from '../registry/types';

interface ObjectRef {
  kind?: string;
  name?: string;
  fieldPath?: string;
}

/** The fields the printer reads, in core/v1 naming. */
export interface CoreEvent extends KObject {
  involvedObject?: ObjectRef;
  reason?: string;
  message?: string;
  type?: string;
  source?: { component?: string; host?: string };
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  count?: number;
  series?: { count?: number; lastObservedTime?: string } | null;
  reportingComponent?: string;
  reportingInstance?: string;
}

export interface EventsV1Event extends KObject {
  regarding?: ObjectRef;
  note?: string;
  reason?: string;
  type?: string;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string } | null;
  reportingController?: string;
  reportingInstance?: string;
  deprecatedSource?: { component?: string; host?: string };
  deprecatedFirstTimestamp?: string | null;
  deprecatedLastTimestamp?: string | null;
  deprecatedCount?: number;
}

/** events.k8s.io/v1 → core/v1 field names, as upstream's conversion maps them. */
export function toCoreEvent(e: EventsV1Event): CoreEvent {
  return {
    metadata: e.metadata,
    involvedObject: e.regarding,
    reason: e.reason,
    message: e.note,
    type: e.type,
    source: e.deprecatedSource,
    firstTimestamp: e.deprecatedFirstTimestamp,
    lastTimestamp: e.deprecatedLastTimestamp,
    eventTime: e.eventTime,
    count: e.deprecatedCount,
    series: e.series,
    reportingComponent: e.reportingController,
    reportingInstance: e.reportingInstance,
  };
}

function source(e: CoreEvent): string {
  const component = e.source?.component || e.reportingComponent || '';
  const instance = e.source?.host || e.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

export const eventColumns = [
  col('Last Seen', 'Time since the event was last observed.'),
  col('Type', 'Normal or Warning.'),
  col('Reason', 'Short machine-readable reason.'),
  col('Object', 'Object the event is about.'),
  col('Subobject', 'Part of the object, e.g. a container.', { wide: true }),
  col('Source', 'Component that reported the event.', { wide: true }),
  col('Message', 'Human-readable description.'),
  col('First Seen', 'Time since the event was first observed.', { wide: true }),
  col('Count', 'How many times it occurred.', { wide: true }),
  col('Name', 'Name of the event object.', { wide: true, format: 'name' }),
];

export function eventCells(e: CoreEvent, now: number) {
  // Newer reporters leave the legacy timestamps empty and fill eventTime / series instead.
  const first = e.firstTimestamp ? since(e.firstTimestamp, now) : since(e.eventTime, now);
  let last = e.lastTimestamp ? since(e.lastTimestamp, now) : first;
  let count = e.count ?? 0;
  if (e.series) {
    last = since(e.series.lastObservedTime, now);
    count = e.series.count ?? 0;
  } else if (count === 0) {
    count = 1; // singleton events carry no count
  }
  const ref = e.involvedObject ?? {};
  const kind = (ref.kind ?? '').toLowerCase();
  const target = ref.name ? `${kind}/${ref.name}` : kind;
  return [last, e.type ?? '', e.reason ?? '', target, ref.fieldPath ?? '', source(e), (e.message ?? '').trim(), first, count, e.metadata.name ?? ''];
}

export const eventPrinter: Printer<CoreEvent> = { columns: eventColumns, cells: eventCells };

export const eventsV1Printer: Printer<EventsV1Event> = {
  columns: eventColumns,
  cells: (e, now) => eventCells(toCoreEvent(e), now),
};
