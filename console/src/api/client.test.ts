import { describe, expect, it } from 'vitest';
import { statusMessage } from './client';
import { NdjsonSplitter } from './ndjson';

describe('API errors', () => {
  it('shows the Status message and reason', () => {
    const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'deployments.apps "web" not found', reason: 'NotFound', code: 404 });
    expect(statusMessage(404, 'Not Found', body)).toEqual({ message: 'deployments.apps "web" not found', reason: 'NotFound' });
  });

  it('falls back to short text, then to the HTTP status, never to an HTML page', () => {
    expect(statusMessage(503, 'Service Unavailable', 'upstream down\n')).toEqual({ message: 'upstream down' });
    expect(statusMessage(502, 'Bad Gateway', '<html><body>oops</body></html>')).toEqual({ message: '502 Bad Gateway' });
    expect(statusMessage(500, '', '')).toEqual({ message: '500 error' });
  });
});

describe('watch stream lines', () => {
  it('parses objects split across chunks and skips heartbeat blank lines', () => {
    const s = new NdjsonSplitter<{ type: string }>();
    expect(s.push('{"type":"ADD')).toEqual([]);
    expect(s.push('ED"}\n\n{"type":"MODIFIED"}\n{"ty')).toEqual([{ type: 'ADDED' }, { type: 'MODIFIED' }]);
    expect(s.push('pe":"DELETED"}\n')).toEqual([{ type: 'DELETED' }]);
  });
});
