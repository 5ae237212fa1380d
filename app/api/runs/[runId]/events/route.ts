import { apiError, runRouteAccess } from '@/lib/api/route-access'
import { parseEventId, runEventStream } from '@/lib/runs/events'

export const dynamic = 'force-dynamic'

/**
 * The run's live events as Server-Sent Events (lib/runs/events): its state, its targets'
 * states, and the output of `?targetRun=<id>`, resumed after Last-Event-ID.
 */
export async function GET(request: Request, { params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params
  const checked = await runRouteAccess(runId, 'runs.read')
  if (!checked.ok) return checked.response
  const url = new URL(request.url)
  const stream = await runEventStream(checked.access.scope, {
    runId,
    targetRunId: url.searchParams.get('targetRun'),
    after: parseEventId(request.headers.get('last-event-id')),
    signal: request.signal,
  })
  if (!stream) return apiError(404, 'Not found.')
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      // Proxies such as nginx would otherwise hold the stream back in their buffers.
      'x-accel-buffering': 'no',
    },
  })
}
