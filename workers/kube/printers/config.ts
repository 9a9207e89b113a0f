// Namespaces, ConfigMaps, Secrets and ServiceAccounts: a name, one count or status, and an age.
import { AGE, NAME, col } from './columns';
import { since } from './duration';
import type { Printer } from './types';
import type { KObject } from '../registry/types';

const size = (m: unknown) => (m && typeof m === 'object' ? Object.keys(m).length : 0);
const name = (o: KObject) => o.metadata.name ?? '';

export const namespacePrinter: Printer<KObject & { status?: { phase?: string } }> = {
  columns: [NAME, col('Status', 'Lifecycle phase of the namespace.'), AGE],
  cells: (o, now) => [name(o), o.status?.phase ?? '', since(o.metadata.creationTimestamp, now)],
};

export const configMapPrinter: Printer<KObject & { data?: object; binaryData?: object }> = {
  columns: [NAME, col('Data', 'Number of keys in data and binaryData.'), AGE],
  // Integer cell: upstream sends a number here, not text.
  cells: (o, now) => [name(o), size(o.data) + size(o.binaryData), since(o.metadata.creationTimestamp, now)],
};

export const secretPrinter: Printer<KObject & { type?: string; data?: object }> = {
  columns: [NAME, col('Type', 'Secret type.'), col('Data', 'Number of keys in data.'), AGE],
  cells: (o, now) => [name(o), o.type ?? '', size(o.data), since(o.metadata.creationTimestamp, now)],
};

export const serviceAccountPrinter: Printer<KObject & { secrets?: unknown[] }> = {
  columns: [NAME, col('Secrets', 'Number of secrets listed on the account.'), AGE],
  cells: (o, now) => [name(o), (o.secrets ?? []).length, since(o.metadata.creationTimestamp, now)],
};
