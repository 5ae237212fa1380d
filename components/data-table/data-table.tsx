'use client'

import type { ReactNode } from 'react'
import { useTable, type Header, type RowData } from '@tanstack/react-table'
import type { ParserMap } from 'nuqs/server'
import { ArrowDown, ArrowUp, ChevronsUpDown } from 'lucide-react'

import { cn } from '@/lib/utils'
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table'
import { dataTableFeatures, type DataTableColumnDef, type DataTableFeatures } from '@/components/data-table/columns'
import { DataTablePagination } from '@/components/data-table/data-table-pagination'
import { DataTableToolbar, type DataTableFilter } from '@/components/data-table/data-table-toolbar'
import { useTableParams, type SetTableValues, type TableValues } from '@/components/data-table/use-table-params'

type BaseKey = 'page' | 'perPage' | 'sort' | 'dir' | 'q'

export type DataTableProps<TData extends RowData, P extends ParserMap> = {
  /** Module-level (stable) column defs from `createDataTableColumnHelper`. */
  columns: DataTableColumnDef<TData>[]
  /** The current page of rows, already searched, filtered, sorted and paged by the server. */
  data: TData[]
  /** Row count of the whole filtered result, for the pagination footer. */
  total: number
  /** `def.parsers` from `defineTableParams` (the same definition the server page parsed with). */
  params: P
  searchPlaceholder?: string
  filters?: readonly DataTableFilter<Exclude<keyof P & string, BaseKey>>[]
  emptyMessage?: ReactNode
  /** Extra controls at the right of the toolbar. */
  toolbar?: ReactNode
  /** Accessible name of the table (rendered as a visually hidden caption). */
  caption?: string
  getRowId?: (row: TData, index: number) => string
  className?: string
}

export function DataTable<TData extends RowData, P extends ParserMap>({
  columns,
  data,
  total,
  params,
  searchPlaceholder,
  filters,
  emptyMessage = 'No results.',
  toolbar,
  caption,
  getRowId,
  className,
}: DataTableProps<TData, P>) {
  const { values, set, isPending } = useTableParams(params)
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId,
  })

  // A column is sortable when the server accepts its id as a sort key.
  const canSort = (columnId: string) => params.sort?.parse(columnId as never) != null
  const rows = table.getRowModel().rows
  const leafCount = table.getAllLeafColumns().length

  return (
    <div data-slot="data-table" className={cn('flex flex-col gap-3', className)}>
      <DataTableToolbar
        values={values}
        set={set}
        params={params}
        searchPlaceholder={searchPlaceholder}
        filters={filters}
      >
        {toolbar}
      </DataTableToolbar>
      <div className="relative overflow-hidden rounded-md border">
        {isPending && <div aria-hidden className="absolute inset-x-0 top-0 z-10 h-0.5 animate-pulse bg-primary" />}
        <span role="status" className="sr-only">
          {isPending ? 'Loading…' : ''}
        </span>
        <Table aria-busy={isPending || undefined}>
          {caption && <TableCaption className="sr-only">{caption}</TableCaption>}
          <TableHeader>
            {table.getHeaderGroups().map((group) => (
              <TableRow key={group.id} className="hover:bg-transparent">
                {group.headers.map((header) => (
                  <DataTableHead
                    key={header.id}
                    header={header}
                    sortable={canSort(header.column.id)}
                    values={values}
                    set={set}
                  >
                    {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                  </DataTableHead>
                ))}
              </TableRow>
            ))}
          </TableHeader>
          <TableBody className={cn('transition-opacity', isPending && 'pointer-events-none opacity-60')}>
            {rows.length > 0 ? (
              rows.map((row) => (
                <TableRow key={row.id}>
                  {row.getAllCells().map((cell) => {
                    const meta = cell.column.columnDef.meta
                    return (
                      <TableCell key={cell.id} className={cn(meta?.align === 'end' && 'text-right', meta?.className)}>
                        <table.FlexRender cell={cell} />
                      </TableCell>
                    )
                  })}
                </TableRow>
              ))
            ) : (
              <TableRow className="hover:bg-transparent">
                <TableCell colSpan={leafCount} className="h-24 text-center whitespace-normal text-muted-foreground">
                  {emptyMessage}
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </div>
      <DataTablePagination values={values} set={set} total={total} rowCount={rows.length} />
    </div>
  )
}

function DataTableHead<TData extends RowData>({
  header,
  sortable,
  values,
  set,
  children,
}: {
  header: Header<DataTableFeatures, TData, unknown>
  sortable: boolean
  values: TableValues
  set: SetTableValues
  children: ReactNode
}) {
  const meta = header.column.columnDef.meta
  const id = header.column.id
  const sorted = sortable && values.sort === id ? values.dir : null
  const align = meta?.align === 'end' ? 'text-right' : undefined

  if (!sortable || header.isPlaceholder) {
    return (
      <TableHead colSpan={header.colSpan} className={cn(align, meta?.headerClassName)}>
        {children}
      </TableHead>
    )
  }

  const toggle = () => {
    const firstDir = meta?.sortDescFirst ? 'desc' : 'asc'
    const dir = sorted ? (sorted === 'asc' ? 'desc' : 'asc') : firstDir
    void set({ sort: id, dir, page: null })
  }
  const Icon = sorted === 'asc' ? ArrowUp : sorted === 'desc' ? ArrowDown : ChevronsUpDown

  return (
    <TableHead
      colSpan={header.colSpan}
      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
      className={cn(align, meta?.headerClassName)}
    >
      <button
        type="button"
        onClick={toggle}
        className={cn(
          '-mx-2 inline-flex h-8 items-center gap-1.5 rounded-md px-2 outline-hidden hover:bg-accent hover:text-accent-foreground focus-visible:ring-2 focus-visible:ring-ring',
          meta?.align === 'end' && 'flex-row-reverse',
        )}
      >
        {children}
        <Icon aria-hidden className={cn('size-3.5', sorted ? 'text-foreground' : 'text-muted-foreground')} />
      </button>
    </TableHead>
  )
}
