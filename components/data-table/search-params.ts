// No 'use client': server pages parse with `cache`, the client table binds the same `parsers`.
import {
  createSearchParamsCache,
  parseAsInteger,
  parseAsString,
  parseAsStringLiteral,
  type inferParserType,
  type ParserMap,
} from 'nuqs/server'

// Filter parsers for the common cases: a select (`parseAsStringLiteral(['queued', 'running'])`)
// and a day (`parseAsIsoDate`, YYYY-MM-DD) or instant (`parseAsIsoDateTime`) bound of a range.
export {
  parseAsBoolean,
  parseAsInteger,
  parseAsIsoDate,
  parseAsIsoDateTime,
  parseAsString,
  parseAsStringLiteral,
} from 'nuqs/server'

export const SORT_DIRS = ['asc', 'desc'] as const
export type SortDir = (typeof SORT_DIRS)[number]

export const MAX_PER_PAGE = 100
export const PER_PAGE_OPTIONS = [10, 20, 50, 100] as const

/** Keys every table owns; filters may not reuse them. */
type BaseKey = 'page' | 'perPage' | 'sort' | 'dir' | 'q'

type TableParamsOptions<S extends string, F extends ParserMap> = {
  /** Column ids the server can sort by; a header is clickable only if its column id is listed. */
  sortable: readonly S[]
  defaultSort: NoInfer<S>
  defaultDir?: SortDir
  /** Default page size (clamped to 1–100 when used). */
  perPage?: number
  /** Extra URL params, one per filter; the key is the filter id. */
  filters?: F & Partial<Record<BaseKey, never>>
}

/**
 * The URL contract of one table: parsers for page, page size, sort, direction, search text and
 * filters, plus a request-scoped cache to read them in a server page. Define it once per table
 * in a module without 'use client', and use it on both sides.
 *
 * @example
 * export const runsTable = defineTableParams({
 *   sortable: ['createdAt', 'status'],
 *   defaultSort: 'createdAt',
 *   defaultDir: 'desc',
 *   filters: { status: parseAsStringLiteral(RUN_STATUSES), from: parseAsIsoDate },
 * });
 */
export function defineTableParams<const S extends string, F extends ParserMap = Record<never, never>>(
  opts: TableParamsOptions<S, F>,
) {
  const parsers = {
    page: parseAsInteger.withDefault(1),
    perPage: parseAsInteger.withDefault(opts.perPage ?? 20),
    sort: parseAsStringLiteral(opts.sortable).withDefault(opts.defaultSort),
    dir: parseAsStringLiteral(SORT_DIRS).withDefault(opts.defaultDir ?? 'asc'),
    q: parseAsString.withDefault(''),
    ...((opts.filters ?? {}) as F),
  }
  return { parsers, cache: createSearchParamsCache(parsers) }
}

export type TableParamsDef = ReturnType<typeof defineTableParams<string, ParserMap>>

/** What `await def.cache.parse(searchParams)` returns for a table definition. */
export type TableState<D extends { parsers: ParserMap }> = inferParserType<D['parsers']>

/** The page size actually served: an integer in [1, 100]. */
export function clampPerPage(perPage: number): number {
  return Math.min(MAX_PER_PAGE, Math.max(1, Math.trunc(perPage) || 1))
}

/** The 1-based page actually served: an integer ≥ 1. */
export function clampPage(page: number): number {
  return Math.max(1, Math.trunc(page) || 1)
}

/** `skip`/`take` for a paged query (Prisma's names), from parsed table state. */
export function pageArgs(state: { page: number; perPage: number }): { skip: number; take: number } {
  const take = clampPerPage(state.perPage)
  return { skip: (clampPage(state.page) - 1) * take, take }
}

/** `{ [sort]: dir }`, e.g. a Prisma `orderBy` for a sort key that is a plain column. */
export function orderBy<S extends string>(state: { sort: S; dir: SortDir }): { [K in S]?: SortDir } {
  return { [state.sort]: state.dir } as { [K in S]?: SortDir }
}
