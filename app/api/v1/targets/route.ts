import { nextCursor, pageOf, pagePosition } from '@/lib/api/v1/pagination'
import { listQuery } from '@/lib/api/v1/requests'
import { target } from '@/lib/api/v1/resources'
import { reply } from '@/lib/api/v1/respond'
import { apiRoute, parseQuery } from '@/lib/api/v1/route'
import { targetView } from '@/lib/api/v1/views'
import { listTargets } from '@/lib/targets/queries'

export const dynamic = 'force-dynamic'

/** The tenant's targets, by name (never a credential). */
export const GET = apiRoute('read', async ({ request, caller }) => {
  const query = parseQuery(listQuery, request)
  if (!query.ok) return query.response
  const position = pagePosition(query.data)
  const { rows, total } = await listTargets(caller.scope, {
    ...position,
    q: query.data.q,
    sort: 'name',
    dir: 'asc',
    status: null,
    label: null,
    proxy: null,
  })
  return reply(pageOf(target), { items: rows.map(targetView), nextCursor: nextCursor(request, position, total) })
})
