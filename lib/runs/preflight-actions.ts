'use server'
import { tenantClient, UserError } from '@/lib/action'
import { runTaskNowSchema } from '@/lib/tasks/schema'
import { type Preflight, preflightScriptRun, preflightTask } from './preflight'
import { startScriptRunSchema } from './schema'

const outcome = ({ summary }: Preflight) => ({
  targets: summary.targets,
  reachable: summary.reachable,
  blocked: summary.blocked,
})

/** "Check" in the Run now dialog: the pre-flight of the task with the values typed there. */
export const checkTaskAction = tenantClient
  .metadata({ permission: 'runs.start', audit: 'run.check' })
  .inputSchema(runTaskNowSchema)
  .action(async ({ parsedInput: { id, parameters }, ctx }) => {
    const preflight = await preflightTask(ctx.scope, id, parameters)
    if (!preflight) throw new UserError('Not found.')
    ctx.audit.target({ type: 'task', id, label: preflight.name }, outcome(preflight))
    return preflight
  })

/** "Check" in the Run this script dialog: the pre-flight of the current selection. */
export const checkScriptRunAction = tenantClient
  .metadata({ permission: 'runs.start', audit: 'run.check' })
  .inputSchema(startScriptRunSchema)
  .action(async ({ parsedInput, ctx }) => {
    const preflight = await preflightScriptRun(ctx.scope, parsedInput)
    if (!preflight) throw new UserError('Not found.')
    ctx.audit.target({ type: 'script', id: parsedInput.scriptId, label: preflight.name }, outcome(preflight))
    return preflight
  })
