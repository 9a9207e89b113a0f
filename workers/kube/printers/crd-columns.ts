// Custom resources print NAME plus the CRD version's additionalPrinterColumns, or NAME AGE when the
// version declares none. Values are read with JSONPath and typed per column: "date" becomes an age.
import { NAME, col } from './columns';
import { humanDuration } from './duration';
import { parsePath, evaluate, JsonPathError } from './jsonpath';
import type { Cell, Printer, TableColumnDefinition } from './types';
import type { KObject } from '../registry/types';

export interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

const DEFAULT_COLUMNS: PrinterColumn[] = [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'Time since the object was created.' }];

// Go's json.Marshal sorts map keys; match that so cells are stable.
const sortedJson = (v: unknown) =>
  JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x));

function dateCell(v: unknown, now: number): Cell {
  if (typeof v !== 'string') return null;
  if (v === '' || v === 'null') return '<unknown>';
  // RFC 3339 only, like upstream's time parsing for query parameters.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(v)) return '<invalid>';
  const t = Date.parse(v);
  return Number.isNaN(t) ? '<invalid>' : humanDuration(now - t);
}

/** A JSON value as the cell type a column declares; mismatched types print empty (null). */
export function typedCell(type: string, v: unknown, now: number): Cell {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'string':
      // String columns print whatever is there: scalars as text, objects and lists as JSON.
      return typeof v === 'object' ? sortedJson(v) : String(v);
    case 'integer':
      return typeof v === 'number' ? Math.trunc(v) : null;
    case 'number':
      return typeof v === 'number' ? v : null;
    case 'boolean':
      return typeof v === 'boolean' ? v : null;
    case 'date':
      return dateCell(v, now);
  }
  return null;
}

/** A printer for a CRD version's additionalPrinterColumns (the Age default when there are none). */
export function crdColumns(columns: PrinterColumn[] | null | undefined): Printer {
  const cols = columns && columns.length > 0 ? columns : DEFAULT_COLUMNS;
  const defs: TableColumnDefinition[] = [NAME];
  const paths = cols.map((c) => {
    defs.push({ ...col(c.name, c.description || `Custom resource column, JSONPath ${c.jsonPath}`), type: c.type, format: c.format ?? '', priority: c.priority ?? 0 });
    try {
      return parsePath(c.jsonPath);
    } catch (e) {
      if (e instanceof JsonPathError) return undefined; // validated CRDs never get here; print empty
      throw e;
    }
  });
  return {
    columns: defs,
    cells(obj: KObject, now: number): Cell[] {
      return [obj.metadata.name ?? '', ...paths.map((p, i) => (p ? typedCell(cols[i].type, evaluate(p, obj)[0], now) : null))];
    },
  };
}
