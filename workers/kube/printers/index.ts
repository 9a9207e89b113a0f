// Server-side printing: Table responses for `kubectl get` (list, get, watch), as upstream's printers.
export type { Cell, PartialObjectMetadata, Printer, Table, TableColumnDefinition, TableRow, TableRowCondition } from './types';
export { tableFor, columnsFor, rowFor, type IncludeObject, type TableOptions } from './table';
export { tableEvent, tableEventStream, type TableEventOptions, type WatchEventType } from './watch';
export { crdColumns, typedCell, type PrinterColumn } from './crd-columns';
export { printerFor, PRINTERS } from './registry';
export { humanDuration, since } from './duration';
export { renderTable, type TextOptions } from './text';
export { jsonPathValues } from './jsonpath';
