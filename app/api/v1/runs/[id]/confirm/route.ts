import { confirmAnswer } from '@/lib/api/v1/confirm'
import { confirmRunBody } from '@/lib/api/v1/requests'
import { apiRoute, parseBody } from '@/lib/api/v1/route'

export const dynamic = 'force-dynamic'

/** Continues or aborts a run waiting at a confirmation (a confirmation step, or between batches). */
export const POST = apiRoute<{ id: string }>('run', async (context) => {
  const body = await parseBody(confirmRunBody, context.request)
  if (!body.ok) return body.response
  return confirmAnswer(context, body.data)
})
