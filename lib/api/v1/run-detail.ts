import 'server-only'
import { readLiveRun, readLiveTargetRuns } from '@/lib/runs/live-state'
import { getRun } from '@/lib/runs/queries'
import type { ApiContext } from './route'
import { runUrl } from './start'
import { runView } from './views'

/** A run as GET /runs/{id} answers it (targets, rollout, confirmations), or null when it is not the tenant's. */
export async function runDetailOf(context: ApiContext<object>, runId: string) {
  const { scope } = context.caller
  const run = await getRun(scope, runId)
  if (!run) return null
  const [live, targetRuns] = await Promise.all([readLiveRun(scope, run.id), readLiveTargetRuns(scope, run.id)])
  return runView(run, live, targetRuns, runUrl(context, run))
}
