import { nextCursor, pageOf, pagePosition } from '@/lib/api/v1/pagination'
import { runListQuery } from '@/lib/api/v1/requests'
import { runSummary } from '@/lib/api/v1/resources'
import { reply } from '@/lib/api/v1/respond'
import { apiRoute, parseQuery } from '@/lib/api/v1/route'
import { runUrl } from '@/lib/api/v1/start'
import { runSummaryView } from '@/lib/api/v1/views'
import { listRuns } from '@/lib/runs/list'

export const dynamic = 'force-dynamic'

/** The tenant's runs, newest first, filtered as the run lists are. */
export const GET = apiRoute('read', async (context) => {
  const query = parseQuery(runListQuery, context.request)
  if (!query.ok) return query.response
  const { q, status, by, from, to, taskId, scriptId } = query.data
  const position = pagePosition(query.data)
  const { rows, total } = await listRuns(
    context.caller.scope,
    { taskId, scriptId, until: position.asOf },
    {
      page: position.page,
      perPage: position.perPage,
      sort: 'createdAt',
      dir: 'desc',
      q,
      status: status ?? null,
      by: by ?? null,
      from: from ? new Date(from) : null,
      to: to ? new Date(to) : null,
    },
  )
  return reply(pageOf(runSummary), {
    items: rows.map((row) => runSummaryView(row, runUrl(context, row))),
    nextCursor: nextCursor(context.request, position, total),
  })
})
