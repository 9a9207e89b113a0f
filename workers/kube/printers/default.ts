// Fallback printers. Built-in kinds without a dedicated printer upstream (roles, limit ranges,
// CRDs) print NAME and CREATED AT as an RFC 3339 time; everything else prints NAME and AGE.
import { NAME, col } from './columns';
import { parseTime, since } from './duration';
import type { Printer } from './types';

/** RFC 3339 in UTC without fractional seconds; a missing time prints as Go's zero time. */
export function createdAt(ts: unknown): string {
  const t = parseTime(ts);
  if (t === undefined) return '0001-01-01T00:00:00Z';
  return new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export const createdAtPrinter: Printer = {
  columns: [NAME, col('Created At', 'When the object was created.', { type: 'date' })],
  cells: (o) => [o.metadata.name ?? '', createdAt(o.metadata.creationTimestamp)],
};

export const AGE_DATE = col('Age', 'Time since the object was created.', { type: 'date' });

export const agePrinter: Printer = {
  columns: [NAME, AGE_DATE],
  cells: (o, now) => [o.metadata.name ?? '', since(o.metadata.creationTimestamp, now)],
};
