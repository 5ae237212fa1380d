import { z } from 'zod'

// Cursor pagination over the same paged queries the tables use. A cursor is opaque to
// clients; inside it says which page comes next, its size, the first request's filters,
// and the instant the first page was read (`asOf`): the run list only shows runs queued by
// then, so runs arriving while a client pages through do not shift what the next page holds.

export interface PagePosition {
  page: number
  perPage: number
  asOf: Date
}

const cursorContent = z.object({
  page: z.number().int().min(2),
  perPage: z.number().int().min(1).max(100),
  asOf: z.iso.datetime(),
  query: z.record(z.string(), z.string()),
})

function decodeCursor(value: string) {
  try {
    const parsed = cursorContent.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')))
    return parsed.success ? { ...parsed.data, asOf: new Date(parsed.data.asOf) } : null
  } catch {
    return null
  }
}

/**
 * A request's query parameters as its list is filtered: with a valid cursor, the filters
 * of the request that started the paging (the cursor carries them), whatever else is sent.
 */
export function listParams(request: Request): Record<string, string> {
  const params = Object.fromEntries(new URL(request.url).searchParams)
  const cursor = params.cursor ? decodeCursor(params.cursor) : null
  return cursor ? { ...cursor.query, cursor: params.cursor } : params
}

/** The query fields of every list endpoint. */
export const pageFields = {
  cursor: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return null
      const cursor = decodeCursor(value)
      if (!cursor) ctx.addIssue({ code: 'custom', message: 'Not a cursor this API gave out.' })
      return cursor && { page: cursor.page, perPage: cursor.perPage, asOf: cursor.asOf }
    })
    .meta({
      description:
        'The `nextCursor` of the previous page; absent for the first page. It keeps the first request’s filters and page size.',
    }),
  limit: z.coerce
    .number('Enter a number.')
    .int('Enter a whole number.')
    .min(1, 'At least 1.')
    .max(100, 'At most 100.')
    .default(20)
    .meta({ description: 'Items per page (1–100). A cursor keeps the page size it was made with.' }),
}

/** Where a request's page starts: the cursor's position, or the first page now. */
export function pagePosition(query: { cursor: PagePosition | null; limit: number }): PagePosition {
  return query.cursor ?? { page: 1, perPage: query.limit, asOf: new Date() }
}

/** The cursor of the page after this one, or null when this one is the last. */
export function nextCursor(request: Request, position: PagePosition, total: number): string | null {
  if (position.page * position.perPage >= total) return null
  const { cursor: _cursor, limit: _limit, ...query } = listParams(request)
  const next = { page: position.page + 1, perPage: position.perPage, asOf: position.asOf.toISOString(), query }
  return Buffer.from(JSON.stringify(next)).toString('base64url')
}

/** A page of items as every list endpoint answers it. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last.' }),
  })
