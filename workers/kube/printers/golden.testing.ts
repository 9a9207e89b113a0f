// Fixtures shared by the golden tests: a fixed clock and timestamps relative to it.
import type { ResourceDef } from '../registry/types';

export const NOW = Date.parse('2025-03-01T12:00:00Z');

/** An RFC 3339 timestamp `seconds` before NOW. */
export const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString().replace('.000Z', 'Z');

export const MIN = 60;
export const HOUR = 3600;
export const DAY = 86400;

export const def = (group: string, version: string, kind: string): Pick<ResourceDef, 'group' | 'version' | 'kind'> => ({ group, version, kind });

export const meta = (name: string, createdSecondsAgo = 5 * MIN, extra: Record<string, unknown> = {}) => ({
  name,
  namespace: 'default',
  uid: `uid-${name}`,
  resourceVersion: '100',
  creationTimestamp: ago(createdSecondsAgo),
  ...extra,
});
