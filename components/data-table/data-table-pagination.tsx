'use client'

import { useId } from 'react'
import { ChevronLeft, ChevronRight } from 'lucide-react'

import { Button } from '@/components/ui/button'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { clampPage, clampPerPage, PER_PAGE_OPTIONS } from '@/components/data-table/search-params'
import type { SetTableValues, TableValues } from '@/components/data-table/use-table-params'

type DataTablePaginationProps = {
  values: TableValues
  set: SetTableValues
  total: number
  /** Rows on the current page. */
  rowCount: number
}

const numberFormat = new Intl.NumberFormat('en-US')

export function DataTablePagination({ values, set, total, rowCount }: DataTablePaginationProps) {
  const page = clampPage(values.page)
  const perPage = clampPerPage(values.perPage)
  const pageCount = Math.max(1, Math.ceil(total / perPage))
  const from = (page - 1) * perPage + 1
  const to = from + rowCount - 1
  const sizes = [...new Set([...PER_PAGE_OPTIONS, perPage])].sort((a, b) => a - b)

  const perPageLabelId = useId()
  const goTo = (next: number) => set({ page: next <= 1 ? null : next })

  return (
    <div
      data-slot="data-table-pagination"
      className="flex flex-col-reverse items-center justify-between gap-3 text-sm sm:flex-row"
    >
      <p className="text-muted-foreground" aria-live="polite">
        {rowCount > 0
          ? `Showing ${numberFormat.format(from)}–${numberFormat.format(to)} of ${numberFormat.format(total)}`
          : total > 0
            ? `No rows on this page (${numberFormat.format(total)} in total)`
            : 'No results'}
      </p>
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
        <div className="flex items-center gap-2">
          <span id={perPageLabelId} className="text-muted-foreground">
            Rows per page
          </span>
          <Select value={String(perPage)} onValueChange={(v) => set({ perPage: Number(v), page: null })}>
            <SelectTrigger size="sm" aria-labelledby={perPageLabelId} className="w-[4.5rem]">
              <SelectValue />
            </SelectTrigger>
            <SelectContent align="end">
              {sizes.map((size) => (
                <SelectItem key={size} value={String(size)}>
                  {size}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <span className="tabular-nums">
          Page {numberFormat.format(page)} of {numberFormat.format(pageCount)}
        </span>
        <div className="flex items-center gap-2">
          <Button variant="outline" size="sm" onClick={() => goTo(Math.min(page - 1, pageCount))} disabled={page <= 1}>
            <ChevronLeft aria-hidden />
            Previous
          </Button>
          <Button variant="outline" size="sm" onClick={() => goTo(page + 1)} disabled={page >= pageCount}>
            Next
            <ChevronRight aria-hidden />
          </Button>
        </div>
      </div>
    </div>
  )
}
