// Builds meta.k8s.io/v1 Tables (list, get and watch) from objects and their kind's printer.
import { apiVersionOf, type KObject, type ResourceDef } from '../registry/types';
import type { PrinterColumn } from './crd-columns';
import { printerFor } from './registry';
import type { Table, TableColumnDefinition, TableRow } from './types';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  /** What each row carries: nothing, PartialObjectMetadata (the default) or the full object. */
  includeObject?: IncludeObject;
  /** Leave out columnDefinitions (TableOptions.noHeaders, and every watch event after the first). */
  noHeaders?: boolean;
  /** Clock for ages, ms since the epoch; defaults to Date.now(). */
  now?: number;
  /** List metadata; without it a single-object table takes the object's resourceVersion. */
  listMeta?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  /** For CRD-served kinds: the served version's additionalPrinterColumns. */
  printerColumns?: PrinterColumn[] | null;
}

type Def = Pick<ResourceDef, 'group' | 'version' | 'kind'>;

export function columnsFor(def: Def, printerColumns?: PrinterColumn[] | null): TableColumnDefinition[] {
  return printerFor(def, printerColumns).columns.map((c) => ({ ...c }));
}

/** The cells (and row conditions) of one object; no row.object. */
export function rowFor(def: Def, obj: KObject, now: number = Date.now(), printerColumns?: PrinterColumn[] | null): TableRow {
  const printer = printerFor(def, printerColumns);
  const row: TableRow = { cells: printer.cells(obj, now) };
  const conditions = printer.conditions?.(obj);
  if (conditions) row.conditions = conditions;
  return row;
}

function rowObject(def: Def, obj: KObject, include: IncludeObject): TableRow['object'] {
  if (include === 'None') return undefined;
  if (include === 'Object') return { ...obj, apiVersion: apiVersionOf(def), kind: def.kind };
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

export function tableFor(def: Def, objects: KObject[], opts: TableOptions = {}): Table {
  const now = opts.now ?? Date.now();
  const include = opts.includeObject ?? 'Metadata';
  const rows = objects.map((obj) => {
    const row = rowFor(def, obj, now, opts.printerColumns);
    const object = rowObject(def, obj, include);
    return object ? { ...row, object } : row;
  });
  const meta = opts.listMeta;
  const metadata: Table['metadata'] = {};
  const rv = meta ? meta.resourceVersion : objects.length === 1 ? objects[0].metadata.resourceVersion : undefined;
  if (rv) metadata.resourceVersion = rv;
  if (meta?.continue) metadata.continue = meta.continue;
  if (meta?.remainingItemCount !== undefined) metadata.remainingItemCount = meta.remainingItemCount;
  const table: Table = { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata, rows };
  if (!opts.noHeaders) table.columnDefinitions = columnsFor(def, opts.printerColumns);
  return table;
}
