import { pageOf, pagePosition, nextCursor } from '@/lib/api/v1/pagination'
import { listQuery } from '@/lib/api/v1/requests'
import { taskSummary } from '@/lib/api/v1/resources'
import { reply } from '@/lib/api/v1/respond'
import { apiRoute, parseQuery } from '@/lib/api/v1/route'
import { taskSummaryView } from '@/lib/api/v1/views'
import { listTasks } from '@/lib/tasks/queries'

export const dynamic = 'force-dynamic'

/** The token's tenant's tasks, by name. */
export const GET = apiRoute('read', async ({ request, caller }) => {
  const query = parseQuery(listQuery, request)
  if (!query.ok) return query.response
  const position = pagePosition(query.data)
  const { rows, total } = await listTasks(caller.scope, {
    ...position,
    q: query.data.q,
    sort: 'name',
    dir: 'asc',
    type: null,
    state: null,
    last: null,
  })
  return reply(pageOf(taskSummary), {
    items: rows.map(taskSummaryView),
    nextCursor: nextCursor(request, position, total),
  })
})
