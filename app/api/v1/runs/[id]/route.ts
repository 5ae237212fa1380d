import { runDetail } from '@/lib/api/v1/resources'
import { notFound, reply } from '@/lib/api/v1/respond'
import { apiRoute } from '@/lib/api/v1/route'
import { runDetailOf } from '@/lib/api/v1/run-detail'

export const dynamic = 'force-dynamic'

/** A run: its status and timing, who started it, each target's status, exit code and error, and its confirmations. */
export const GET = apiRoute<{ id: string }>('read', async (context) => {
  const run = await runDetailOf(context, context.params.id)
  return run ? reply(runDetail, run) : notFound()
})
