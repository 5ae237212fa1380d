import { scriptDetail } from '@/lib/api/v1/resources'
import { notFound, reply } from '@/lib/api/v1/respond'
import { apiRoute } from '@/lib/api/v1/route'
import { scriptView } from '@/lib/api/v1/views'
import { findScript } from '@/lib/scripts/queries'

export const dynamic = 'force-dynamic'

/** A script with its latest version's content and parameters (no secret default). */
export const GET = apiRoute<{ id: string }>('read', async ({ caller, params }) => {
  const script = await findScript(caller.scope, params.id)
  return script ? reply(scriptDetail, scriptView(script)) : notFound()
})
