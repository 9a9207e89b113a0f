import { describe, expect, it } from 'vitest';
import { eventJson, microTime, REQUEST_OBJECT_JSON, type RecordedEvent } from './types';

const event = (): RecordedEvent => ({
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'Request',
  auditID: 'a-1',
  stage: 'ResponseComplete',
  requestURI: '/api/v1/namespaces/ns/pods',
  verb: 'create',
  user: { username: 'admin', groups: ['system:masters'] },
  sourceIPs: ['127.0.0.1'],
  requestReceivedTimestamp: microTime(0),
  stageTimestamp: microTime(1),
});

describe('audit event JSON', () => {
  it('splices the request body text in as requestObject, also after the event is copied for a stage', () => {
    const body = '{ "apiVersion": "v1", "kind": "Pod",\n "metadata": {"name": "p", "labels": {"a": "b"}} }';
    const ev = event();
    ev[REQUEST_OBJECT_JSON] = body;
    const staged: RecordedEvent = { ...ev, stage: 'ResponseStarted' };
    for (const e of [ev, staged]) {
      const out = JSON.parse(eventJson(e));
      expect(out).toEqual({ ...JSON.parse(JSON.stringify(e)), requestObject: JSON.parse(body) });
    }
  });

  it('is plain JSON without a request body text', () => {
    const ev = { ...event(), requestObject: { kind: 'DeleteOptions' } };
    expect(eventJson(ev)).toBe(JSON.stringify(ev));
  });

  it('prints MicroTime with microseconds, as upstream', () => {
    expect(microTime(Date.UTC(2026, 10, 27, 21, 5, 3, 42))).toBe('2026-11-27T21:05:03.042000Z');
  });
});
