import { apiError, runRouteAccess } from '@/lib/api/route-access'
import { targetRunOutputFile } from '@/lib/engine/output'

export const dynamic = 'force-dynamic'

/** "Download full output": one stream (`?stream=stdout|stderr`) of a target-run, as stored. */
export async function GET(request: Request, { params }: { params: Promise<{ runId: string; targetRunId: string }> }) {
  const { runId, targetRunId } = await params
  const checked = await runRouteAccess(runId, 'runs.read')
  if (!checked.ok) return checked.response
  const stream = new URL(request.url).searchParams.get('stream') ?? 'stdout'
  if (stream !== 'stdout' && stream !== 'stderr') return apiError(400, 'stream must be stdout or stderr.')
  const file = await targetRunOutputFile(checked.access.scope, runId, targetRunId, stream)
  if (!file) return apiError(404, 'Not found.')
  const iterator = file.bytes
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next()
      if (next.done) controller.close()
      else controller.enqueue(next.value)
    },
    async cancel() {
      await iterator.return(undefined)
    },
  })
  // The name comes from a host's name: only safe characters reach the header.
  const name = `${file.targetName}-step${file.stepIndex + 1}-${stream}.log`.replace(/[^A-Za-z0-9._-]/g, '_')
  return new Response(body, {
    headers: {
      // The bytes as the host printed them, labelled with the encoding they are in.
      'content-type': `text/plain; charset=${file.encoding}`,
      'content-disposition': `attachment; filename="${name}"`,
      'x-content-type-options': 'nosniff',
    },
  })
}
