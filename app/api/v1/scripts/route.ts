import { nextCursor, pageOf, pagePosition } from '@/lib/api/v1/pagination'
import { listQuery } from '@/lib/api/v1/requests'
import { scriptSummary } from '@/lib/api/v1/resources'
import { reply } from '@/lib/api/v1/respond'
import { apiRoute, parseQuery } from '@/lib/api/v1/route'
import { scriptSummaryView } from '@/lib/api/v1/views'
import { listScripts } from '@/lib/scripts/queries'

export const dynamic = 'force-dynamic'

/** The tenant's scripts, by name. */
export const GET = apiRoute('read', async ({ request, caller }) => {
  const query = parseQuery(listQuery, request)
  if (!query.ok) return query.response
  const position = pagePosition(query.data)
  const { rows, total } = await listScripts(caller.scope, {
    ...position,
    q: query.data.q,
    sort: 'name',
    dir: 'asc',
    language: null,
    creator: null,
  })
  return reply(pageOf(scriptSummary), {
    items: rows.map(scriptSummaryView),
    nextCursor: nextCursor(request, position, total),
  })
})
