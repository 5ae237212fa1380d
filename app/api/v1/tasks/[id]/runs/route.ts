import { triggerTaskBody } from '@/lib/api/v1/requests'
import { apiRoute, parseBody } from '@/lib/api/v1/route'
import { startAnswer, tokenTrigger } from '@/lib/api/v1/start'
import { queueTaskRun } from '@/lib/tasks/queue'

export const dynamic = 'force-dynamic'

/** Runs a task now, with parameter overrides and optionally on some of its targets only. */
export const POST = apiRoute<{ id: string }>('run', async (context) => {
  const body = await parseBody(triggerTaskBody, context.request)
  if (!body.ok) return body.response
  const { caller, params } = context
  const { parameters, targetIds } = body.data
  const queued = await queueTaskRun(caller.scope, params.id, tokenTrigger(caller), parameters, targetIds)
  return startAnswer(context, queued, { taskId: params.id, detail: { taskId: params.id } })
})
