// The core/v1 Event resource: a report of something that happened to an object.
import { z } from 'zod';
import type { KObject, ResourceDef } from '../../registry/types';
import { int32, kobject, microTime, time } from '../../schemas/meta';
import { dns1123Subdomain } from '../../validation/names';
import { FieldErrors } from '../../validation/field-errors';
import { enumValue } from './common/checks';
import { coreId, opt } from './common/util';
import { objectReference } from './common/refs';

const eventSource = z
  .strictObject({ component: opt(z.string(), 'Component reporting the event.'), host: opt(z.string(), 'Node the event came from.') })
  .meta({ id: coreId('EventSource'), description: 'Where an event came from.' });

const eventSeries = z
  .strictObject({ count: opt(int32(), 'Occurrences so far.'), lastObservedTime: opt(microTime(), 'Time of the last occurrence.') })
  .meta({ id: coreId('EventSeries'), description: 'A series of repeated occurrences of an event.' });

export const event = kobject(coreId('Event'), 'A report of an event somewhere in the cluster.', {
  involvedObject: objectReference,
  reason: opt(z.string(), 'Short machine-readable reason, e.g. FailedScheduling.'),
  message: opt(z.string(), 'Human-readable description.'),
  source: opt(eventSource),
  firstTimestamp: opt(time(), 'When the event was first recorded.'),
  lastTimestamp: opt(time(), 'When the most recent occurrence was recorded.'),
  count: opt(int32(), 'How many times the event occurred.'),
  type: opt(z.string(), 'Normal or Warning.'),
  eventTime: opt(microTime(), 'When the event was first observed.'),
  series: opt(eventSeries),
  action: opt(z.string(), 'What was taken or failed to be taken.'),
  related: opt(objectReference, 'A secondary object involved.'),
  reportingComponent: opt(z.string(), 'Controller that emitted the event, e.g. kubernetes.io/kubelet.'),
  reportingInstance: opt(z.string(), 'Instance of the controller, e.g. a kubelet host name.'),
});

interface Event extends KObject {
  involvedObject: z.infer<typeof objectReference>;
  reason?: string;
  type?: string;
  source?: { component?: string; host?: string };
  reportingComponent?: string;
}

function validateEvent(obj: Event, errs: FieldErrors) {
  const ns = obj.metadata.namespace;
  const involved = obj.involvedObject?.namespace;
  // Events of namespaced objects live in the object's namespace; cluster objects use "default".
  if (involved && ns && involved !== ns) errs.invalid('involvedObject.namespace', involved, 'does not match event.namespace');
  enumValue(errs, 'type', obj.type || undefined, ['Normal', 'Warning']);
}

export const eventResource: ResourceDef<Event> = {
  group: '',
  version: 'v1',
  kind: 'Event',
  plural: 'events',
  singular: 'event',
  namespaced: true,
  shortNames: ['ev'],
  schema: event,
  generation: 'none',
  nameValidator: dns1123Subdomain,
  validate: validateEvent,
  fields(obj) {
    const o = obj.involvedObject ?? {};
    return {
      'involvedObject.kind': o.kind ?? '',
      'involvedObject.namespace': o.namespace ?? '',
      'involvedObject.name': o.name ?? '',
      'involvedObject.uid': o.uid ?? '',
      'involvedObject.apiVersion': o.apiVersion ?? '',
      'involvedObject.resourceVersion': o.resourceVersion ?? '',
      'involvedObject.fieldPath': o.fieldPath ?? '',
      reason: obj.reason ?? '',
      reportingComponent: obj.reportingComponent ?? '',
      source: obj.source?.component ?? '',
      type: obj.type ?? '',
    };
  },
};
