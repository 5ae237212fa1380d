import { target } from '@/lib/api/v1/resources'
import { notFound, reply } from '@/lib/api/v1/respond'
import { apiRoute } from '@/lib/api/v1/route'
import { targetView } from '@/lib/api/v1/views'
import { getTarget } from '@/lib/targets/queries'

export const dynamic = 'force-dynamic'

/** A target (never its credential). */
export const GET = apiRoute<{ id: string }>('read', async ({ caller, params }) => {
  const row = await getTarget(caller.scope, params.id)
  return row ? reply(target, targetView(row)) : notFound()
})
