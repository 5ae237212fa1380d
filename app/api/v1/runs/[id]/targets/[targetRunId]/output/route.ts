import { outputSlice } from '@/lib/api/v1/output'
import { outputQuery } from '@/lib/api/v1/requests'
import { notFound } from '@/lib/api/v1/respond'
import { apiRoute, parseQuery } from '@/lib/api/v1/route'

export const dynamic = 'force-dynamic'

/**
 * A slice of a target-run's stdout or stderr as plain UTF-8 text. X-Total-Length is the
 * stream's length so far, X-Next-Offset where the next slice starts, and X-Output-Complete
 * whether the stream can still grow.
 */
export const GET = apiRoute<{ id: string; targetRunId: string }>('read', async ({ request, caller, params }) => {
  const query = parseQuery(outputQuery, request)
  if (!query.ok) return query.response
  const slice = await outputSlice(caller.scope, params.id, params.targetRunId, query.data)
  if (!slice) return notFound()
  return new Response(new Uint8Array(slice.text), {
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'x-total-length': String(slice.total),
      'x-next-offset': String(slice.next),
      'x-output-complete': String(slice.complete),
    },
  })
})
