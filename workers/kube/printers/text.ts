// Renders a Table the way kubectl's human-readable printer does: upper-case headers, priority>0
// columns only when wide, null cells empty, text cut at the first line break, and columns aligned
// like Go's tabwriter with kubectl's settings (min width 6, padding 3; the last column unpadded).
import type { Cell, Table } from './types';

export interface TextOptions {
  wide?: boolean;
  noHeaders?: boolean;
}

const MIN_WIDTH = 6;
const PADDING = 3;

function cellText(c: Cell): string {
  if (c === null) return '';
  if (typeof c !== 'string') return String(c);
  const cut = c.search(/[\f\n\r]/);
  return cut >= 0 ? `${c.slice(0, cut)}...` : c;
}

const width = (s: string) => [...s].length;

export function renderTable(table: Table, opts: TextOptions = {}): string {
  const cols = table.columnDefinitions ?? [];
  // kubectl prints nothing (not even headers) for an empty table.
  if (table.rows.length === 0) return '';
  const shown = cols.map((c, i) => ({ c, i })).filter(({ c }) => opts.wide || c.priority === 0);
  const lines: string[][] = [];
  if (!opts.noHeaders) lines.push(shown.map(({ c }) => c.name.toUpperCase()));
  for (const row of table.rows) lines.push(shown.map(({ i }) => cellText(row.cells[i] ?? null)));
  const widths = shown.map((_, k) => Math.max(MIN_WIDTH, ...lines.map((l) => width(l[k]) + PADDING)));
  return lines
    .map((l) => l.map((text, k) => (k === l.length - 1 ? text : text + ' '.repeat(widths[k] - width(text)))).join(''))
    .map((l) => `${l}\n`)
    .join('');
}
