import { runDetail } from '@/lib/api/v1/resources'
import { notFound, reply } from '@/lib/api/v1/respond'
import { apiRoute } from '@/lib/api/v1/route'
import { runUrl } from '@/lib/api/v1/start'
import { runView } from '@/lib/api/v1/views'
import { readLiveTargetRuns } from '@/lib/runs/events'
import { getRun } from '@/lib/runs/queries'

export const dynamic = 'force-dynamic'

/** A run: its status and timing, who started it, and each target's status, exit code and error. */
export const GET = apiRoute<{ id: string }>('read', async (context) => {
  const { caller, params } = context
  const run = await getRun(caller.scope, params.id)
  if (!run) return notFound()
  const targetRuns = await readLiveTargetRuns(caller.scope, run.id)
  return reply(runDetail, runView(run, targetRuns, runUrl(context, run)))
})
