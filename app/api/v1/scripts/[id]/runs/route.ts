import { startScriptRunBody } from '@/lib/api/v1/requests'
import { apiRoute, parseBody } from '@/lib/api/v1/route'
import { startAnswer, tokenTrigger } from '@/lib/api/v1/start'
import { queueScriptRun } from '@/lib/runs/queue'

export const dynamic = 'force-dynamic'

/** Runs the script's latest version once on targets chosen by id and label. */
export const POST = apiRoute<{ id: string }>('run', async (context) => {
  const body = await parseBody(startScriptRunBody, context.request)
  if (!body.ok) return body.response
  const { caller, params } = context
  const queued = await queueScriptRun(caller.scope, { ...body.data, scriptId: params.id }, tokenTrigger(caller))
  return startAnswer(context, queued, { taskId: null, detail: { scriptId: params.id } })
})
