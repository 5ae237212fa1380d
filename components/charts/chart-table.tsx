import type { ReactNode } from 'react'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table'
import { cn } from '@/lib/utils'

export interface ChartTableColumn {
  key: string
  label: string
  /** Right-aligned, tabular figures. */
  numeric?: boolean
}

export interface ChartTableRow {
  key: string
  /** Cell contents by column key; a missing one shows as empty. */
  cells: Record<string, ReactNode>
}

/**
 * A chart's numbers as a table, folded under "Show as a table": the textual fallback every
 * chart carries (PRODUCT.md §9), for screen readers, keyboard users and anyone who wants the
 * exact figures. `label` names the table.
 */
export function ChartTable({
  label,
  columns,
  rows,
}: {
  label: string
  columns: ChartTableColumn[]
  rows: ChartTableRow[]
}) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer rounded-sm text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring">
        Show as a table
      </summary>
      <Table aria-label={label}>
        <TableHeader>
          <TableRow>
            {columns.map((c) => (
              <TableHead key={c.key} className={cn(c.numeric && 'text-right')}>
                {c.label}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.key}>
              {columns.map((c) => (
                <TableCell key={c.key} className={cn(c.numeric && 'text-right tabular-nums')}>
                  {row.cells[c.key]}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </details>
  )
}
