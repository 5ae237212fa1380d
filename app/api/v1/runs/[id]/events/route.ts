import { eventsQuery } from '@/lib/api/v1/requests'
import { notFound } from '@/lib/api/v1/respond'
import { apiRoute, parseQuery } from '@/lib/api/v1/route'
import { parseEventId, runEventStream } from '@/lib/runs/events'

export const dynamic = 'force-dynamic'

/**
 * The run's live events as Server-Sent Events, exactly as the run page gets them: its
 * state, its targets' states, and `?targetRun=<id>`'s output, resumed after Last-Event-ID.
 */
export const GET = apiRoute<{ id: string }>('read', async ({ request, caller, params }) => {
  const query = parseQuery(eventsQuery, request)
  if (!query.ok) return query.response
  const stream = await runEventStream(caller.scope, {
    runId: params.id,
    targetRunId: query.data.targetRun,
    after: parseEventId(request.headers.get('last-event-id')),
    signal: request.signal,
  })
  if (!stream) return notFound()
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    },
  })
})
