import { createColumnHelper, metaHelper, tableFeatures, type ColumnDef, type RowData } from '@tanstack/react-table'

/** Per-column presentation options, typed through the features object (no global augmentation). */
export type DataTableColumnMeta = {
  /** Classes for the column's cells (body). */
  className?: string
  /** Classes for the column's header cell. */
  headerClassName?: string
  /** Right-align numbers and durations. */
  align?: 'start' | 'end'
  /** First click sorts descending (dates, counts). */
  sortDescFirst?: boolean
}

/**
 * Core-only features: the server sorts, filters and pages, so the table registers no row-model
 * processing; it only turns rows and column defs into headers and cells.
 */
export const dataTableFeatures = tableFeatures({
  columnMeta: metaHelper<DataTableColumnMeta>(),
})

export type DataTableFeatures = typeof dataTableFeatures

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each column keeps its own value type
export type DataTableColumnDef<TData extends RowData> = ColumnDef<DataTableFeatures, TData, any>

/**
 * Column helper bound to the data table's features. Define columns at module scope in a
 * 'use client' file (cells are functions, which cannot cross from a server component):
 *
 * const col = createDataTableColumnHelper<RunRow>();
 * export const runColumns = col.columns([
 *   col.accessor('status', { header: 'Status', cell: (c) => <RunStatusBadge status={c.getValue()} /> }),
 * ]);
 */
export function createDataTableColumnHelper<TData extends RowData>() {
  return createColumnHelper<DataTableFeatures, TData>()
}
