import { deepEqual } from '../../json';
import type { KObject, ResourceDef } from '../../registry/types';
import type { FieldErrors } from '../../validation/field-errors';
import { qualifiedName } from '../../validation/names';
import { eventSchema, type EventFields } from './event-schema';

type Event = KObject & EventFields;

const LIMIT = 128;
const NOTE_LIMIT = 1024;
const TYPES = ['Normal', 'Warning'];
const REF_FIELDS = ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'] as const;
/** Fields that say what happened; an update may only move the series along. */
const IMMUTABLE = ['regarding', 'related', 'reason', 'note', 'type', 'action', 'reportingController', 'reportingInstance', 'eventTime', 'deprecatedSource', 'deprecatedFirstTimestamp', 'deprecatedLastTimestamp', 'deprecatedCount'] as const;

function requiredShort(obj: Event, key: 'reportingInstance' | 'action' | 'reason', errs: FieldErrors) {
  const v = obj[key] ?? '';
  if (!v) errs.required(key);
  if (v.length > LIMIT) errs.invalid(key, '', `can have at most ${LIMIT} characters`);
}

function validateSeries(obj: Event, errs: FieldErrors) {
  if (!obj.series) return;
  if (obj.series.count < 2) errs.invalid('series.count', '', 'should be at least 2');
  if (!obj.series.lastObservedTime) errs.required('series.lastObservedTime');
}

// Upstream only checks these on create; we check on every write, which differs only for events
// first written through core/v1 and then updated here.
function validateLegacyUnset(obj: Event, errs: FieldErrors) {
  if (obj.deprecatedFirstTimestamp) errs.invalid('deprecatedFirstTimestamp', '', 'needs to be unset');
  if (obj.deprecatedLastTimestamp) errs.invalid('deprecatedLastTimestamp', '', 'needs to be unset');
  if (obj.deprecatedCount) errs.invalid('deprecatedCount', '', 'needs to be unset');
  if (obj.deprecatedSource?.component || obj.deprecatedSource?.host) errs.invalid('deprecatedSource', '', 'needs to be unset');
}

export const event: ResourceDef<Event> = {
  group: 'events.k8s.io',
  version: 'v1',
  kind: 'Event',
  plural: 'events',
  singular: 'event',
  namespaced: true,
  shortNames: ['ev'],
  schema: eventSchema,
  generation: 'none',
  validate(obj, errs) {
    const ns = obj.metadata.namespace ?? '';
    // Events about cluster-scoped objects must live in default or kube-system.
    if (!obj.regarding?.namespace && ns !== 'default' && ns !== 'kube-system')
      errs.invalid('regarding.namespace', obj.regarding?.namespace ?? '', 'does not match event.namespace');
    if (!obj.reportingController) errs.required('reportingController');
    else for (const m of qualifiedName(obj.reportingController)) errs.invalid('reportingController', obj.reportingController, m);
    requiredShort(obj, 'reportingInstance', errs);
    requiredShort(obj, 'action', errs);
    requiredShort(obj, 'reason', errs);
    if ((obj.note ?? '').length > NOTE_LIMIT) errs.invalid('note', '', `can have at most ${NOTE_LIMIT} characters`);
    validateSeries(obj, errs);
    if (!obj.eventTime) errs.required('eventTime');
    if (!TYPES.includes(obj.type ?? '')) errs.invalid('type', '', `has invalid value: ${obj.type ?? ''}`);
    validateLegacyUnset(obj, errs);
  },
  validateUpdate(obj, old, errs) {
    for (const k of IMMUTABLE) if (!deepEqual(obj[k] ?? null, old[k] ?? null)) errs.immutable(k, obj[k]);
  },
  fields(obj) {
    const out: Record<string, string> = {};
    for (const f of REF_FIELDS) out[`regarding.${f}`] = obj.regarding?.[f] ?? '';
    out.reason = obj.reason ?? '';
    out.reportingController = obj.reportingController ?? '';
    out.type = obj.type ?? '';
    return out;
  },
};
