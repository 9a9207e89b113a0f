// The meta.k8s.io/v1 Table shapes the API returns for `Accept: application/json;as=Table`, and the
// per-kind printer contract every file in this folder implements.
import type { KObject } from '../registry/types';

/** A cell is pre-formatted text, or a number/boolean for integer/boolean columns; null prints empty. */
export type Cell = string | number | boolean | null;

export interface TableColumnDefinition {
  name: string;
  type: string; // string | integer | number | boolean | date
  format: string; // "name" marks the column kubectl prefixes with kind/
  description: string;
  priority: number; // 0 always shown, 1 only with -o wide
}

export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: 'meta.k8s.io/v1';
  metadata: KObject['metadata'];
}

export interface TableRow {
  cells: Cell[];
  conditions?: TableRowCondition[];
  object?: KObject | PartialObjectMetadata;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions?: TableColumnDefinition[];
  rows: TableRow[];
}

/**
 * How one kind prints. The server always produces every column (wide included), as upstream's
 * apiserver does; kubectl hides priority>0 columns unless asked for -o wide.
 */
export interface Printer<T extends KObject = any> {
  columns: readonly TableColumnDefinition[];
  cells(obj: T, now: number): Cell[];
  conditions?(obj: T): TableRowCondition[] | undefined;
}

/** Kinds whose printers read conditions share this loose shape. */
export interface Condition {
  type: string;
  status?: string;
  reason?: string;
}
