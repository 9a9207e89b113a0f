// events.k8s.io/v1 Event: a report of something that happened to an object.
import { z } from 'zod';
import { int32, kobject, microTime, time } from '../../schemas/meta';
import { objectReference } from '../discovery/object-reference';

const eventSeries = z
  .strictObject({
    count: int32().meta({ description: 'How many times the event has happened so far in this series.' }),
    // Optional in parsing so a missing time gets upstream's "Required value" cause.
    lastObservedTime: microTime().optional().meta({ description: 'When the event was last seen.' }),
  })
  .meta({ id: 'io.k8s.api.events.v1.EventSeries', description: 'Repetitions of an event, reported together.' });

const eventSource = z
  .strictObject({
    component: z.string().optional().meta({ description: 'Component that reported the event.' }),
    host: z.string().optional().meta({ description: 'Node that reported the event.' }),
  })
  .meta({ id: 'io.k8s.api.core.v1.EventSource', description: 'Where an event came from (legacy form).' });

export const eventSchema = kobject('io.k8s.api.events.v1.Event', 'A report of an occurrence involving an object.', {
  eventTime: microTime().meta({ description: 'When the event first happened.' }),
  series: eventSeries.optional().meta({ description: 'Set when the event repeats.' }),
  reportingController: z.string().optional().meta({ description: 'Qualified name of the controller that emitted the event, e.g. example.com/my-operator.' }),
  reportingInstance: z.string().optional().meta({ description: 'Identity of the controller instance, e.g. its pod name.' }),
  action: z.string().optional().meta({ description: 'What was done, or failed, to the regarding object.' }),
  reason: z.string().optional().meta({ description: 'Short machine-readable reason for the action, e.g. FailedScheduling.' }),
  regarding: objectReference.optional().meta({ description: 'The object the event is about.' }),
  related: objectReference.optional().meta({ description: 'A second object involved, if any.' }),
  note: z.string().optional().meta({ description: 'Human-readable detail, at most 1kB.' }),
  type: z.string().optional().meta({ description: 'Normal or Warning.' }),
  deprecatedSource: eventSource.optional().meta({ description: 'Legacy source; must be unset on new events.' }),
  deprecatedFirstTimestamp: time().optional().meta({ description: 'Legacy first-seen time; must be unset on new events.' }),
  deprecatedLastTimestamp: time().optional().meta({ description: 'Legacy last-seen time; must be unset on new events.' }),
  deprecatedCount: int32().optional().meta({ description: 'Legacy repeat count; must be unset on new events.' }),
});

export type EventFields = Omit<z.infer<typeof eventSchema>, 'metadata' | 'apiVersion' | 'kind'>;
