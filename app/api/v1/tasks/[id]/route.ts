import { taskDetail } from '@/lib/api/v1/resources'
import { notFound, reply } from '@/lib/api/v1/respond'
import { apiRoute } from '@/lib/api/v1/route'
import { taskView } from '@/lib/api/v1/views'
import { getTask } from '@/lib/tasks/queries'

export const dynamic = 'force-dynamic'

/** A task with its steps, parameters (secrets masked), targets and limits. */
export const GET = apiRoute<{ id: string }>('read', async ({ caller, params }) => {
  const task = await getTask(caller.scope, params.id)
  return task ? reply(taskDetail, taskView(task)) : notFound()
})
