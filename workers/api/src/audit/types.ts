// audit.k8s.io/v1 Event: the record of one request (upstream staging/src/k8s.io/apiserver/pkg/apis/audit).

export type Level = 'None' | 'Metadata' | 'Request' | 'RequestResponse';
export type Stage = 'RequestReceived' | 'ResponseStarted' | 'ResponseComplete' | 'Panic';

export const LEVELS: readonly Level[] = ['None', 'Metadata', 'Request', 'RequestResponse'];
export const STAGES: readonly Stage[] = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'];

export interface AuditUser {
  username?: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

export interface ObjectRef {
  resource?: string;
  namespace?: string;
  name?: string;
  apiGroup?: string;
  apiVersion?: string;
  subresource?: string;
}

export interface AuditEvent {
  kind: 'Event';
  apiVersion: 'audit.k8s.io/v1';
  level: Level;
  auditID: string;
  stage: Stage;
  requestURI: string;
  verb: string;
  user: AuditUser;
  impersonatedUser?: AuditUser;
  sourceIPs: string[];
  userAgent?: string;
  objectRef?: ObjectRef;
  responseStatus?: { metadata: Record<string, never>; code: number; status?: string; reason?: string; message?: string };
  requestObject?: unknown;
  requestReceivedTimestamp: string;
  stageTimestamp: string;
  annotations?: Record<string, string>;
}

/** MicroTime as upstream prints it: RFC 3339 with microseconds (toISOString always ends in `.sssZ`). */
export const microTime = (ms: number) => `${new Date(ms).toISOString().slice(0, -1)}000Z`;

/**
 * The request body's JSON text, standing for `requestObject` when the handler parsed the body as JSON:
 * spliced into the event's JSON as it is written (eventJson), instead of parsed and serialized again.
 * A symbol key: JSON.stringify skips it, object spread copies it.
 */
export const REQUEST_OBJECT_JSON = Symbol('requestObject as JSON text');

export type RecordedEvent = AuditEvent & { [REQUEST_OBJECT_JSON]?: string };

/** The event as stored: JSON, with requestObject from REQUEST_OBJECT_JSON when that is set. */
export function eventJson(ev: RecordedEvent): string {
  const json = JSON.stringify(ev);
  const raw = ev[REQUEST_OBJECT_JSON];
  return raw === undefined ? json : `${json.slice(0, -1)},"requestObject":${raw}}`;
}
