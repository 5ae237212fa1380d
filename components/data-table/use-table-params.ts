'use client'

import { useTransition } from 'react'
import { useQueryStates, type Options } from 'nuqs'
import type { ParserMap } from 'nuqs/server'

import type { SortDir } from '@/components/data-table/search-params'

/** The table's URL state, loosely typed for the generic table chrome. */
export type TableValues = {
  page: number
  perPage: number
  sort: string
  dir: SortDir
  q: string
  [filter: string]: unknown
}

/** Patch the URL; `null` removes a key (back to its default). */
export type SetTableValues = (patch: Partial<Record<string, unknown>>, options?: Options) => Promise<URLSearchParams>

/**
 * Binds the table's parsers to the URL. Updates are non-shallow, so the server page re-renders
 * with the new params; `isPending` is true until its new payload has arrived.
 */
export function useTableParams(params: ParserMap) {
  const [isPending, startTransition] = useTransition()
  const [values, setValues] = useQueryStates(params, {
    shallow: false,
    // Page, sort and filter changes are steps the Back button should undo; search typing
    // overrides this with 'replace'.
    history: 'push',
    startTransition,
  })
  return {
    values: values as TableValues,
    set: setValues as SetTableValues,
    isPending,
  }
}
