'use server'
import { returnValidationErrors } from 'next-safe-action'
import { revalidatePath } from 'next/cache'
import { tenantClient, UserError } from '@/lib/action'
import { notifySchedulers } from '@/lib/scheduler'
import { flattenWithPaths, nestErrors } from '@/lib/scripts/validation-errors'
import { deleteTask, getTask, setTaskEnabled } from './queries'
import { queueTaskRun } from './queue'
import { createTask, type SaveResult, updateTask } from './save'
import { runTaskNowSchema, setTaskEnabledSchema, taskIdSchema, taskSchema, updateTaskSchema } from './schema'

const shape = { handleValidationErrorsShape: flattenWithPaths }
const tasksPath = (slug: string) => `/${slug}/tasks`

/** The saved task's id; save errors (keyed by form path, e.g. "steps.0.parameters.PORT") refuse. */
function saved(result: SaveResult | null, schema: typeof taskSchema | typeof updateTaskSchema) {
  if (!result) throw new UserError('Not found.')
  if (!result.ok) returnValidationErrors(schema, nestErrors(result.errors) as never)
  return result.id
}

export const createTaskAction = tenantClient
  .metadata({ permission: 'tasks.write', audit: 'task.create' })
  .inputSchema(taskSchema, shape)
  .action(async ({ parsedInput: { tenant, ...input }, ctx }) => {
    const id = saved(await createTask(ctx.scope, input), taskSchema)
    await notifySchedulers(id)
    ctx.audit.target({ type: 'task', id, label: input.name }, { type: input.type, steps: input.steps.length })
    revalidatePath(tasksPath(tenant))
    return { id }
  })

export const updateTaskAction = tenantClient
  .metadata({ permission: 'tasks.write', audit: 'task.update' })
  .inputSchema(updateTaskSchema, shape)
  .action(async ({ parsedInput: { tenant, id, ...input }, ctx }) => {
    saved(await updateTask(ctx.scope, id, input), updateTaskSchema)
    await notifySchedulers(id)
    ctx.audit.target({ type: 'task', id, label: input.name }, { type: input.type, steps: input.steps.length })
    revalidatePath(tasksPath(tenant))
    return { id }
  })

export const deleteTaskAction = tenantClient
  .metadata({ permission: 'tasks.write', audit: 'task.delete' })
  .inputSchema(taskIdSchema)
  .action(async ({ parsedInput: { tenant, id }, ctx }) => {
    const task = await getTask(ctx.scope, id)
    if (!task || !(await deleteTask(ctx.scope, id))) throw new UserError('Not found.')
    await notifySchedulers(id)
    ctx.audit.target({ type: 'task', id, label: task.name })
    revalidatePath(tasksPath(tenant))
    return { id }
  })

export const setTaskEnabledAction = tenantClient
  .metadata({ permission: 'tasks.write', audit: 'task.state' })
  .inputSchema(setTaskEnabledSchema)
  .action(async ({ parsedInput: { tenant, id, enabled }, ctx }) => {
    const task = await getTask(ctx.scope, id)
    if (!task || !(await setTaskEnabled(ctx.scope, id, enabled))) throw new UserError('Not found.')
    await notifySchedulers(id)
    ctx.audit.target({ type: 'task', id, label: task.name }, { enabled })
    revalidatePath(tasksPath(tenant))
    return { enabled }
  })

export const runTaskNowAction = tenantClient
  .metadata({ permission: 'runs.start', audit: 'run.start' })
  .inputSchema(runTaskNowSchema, shape)
  .action(async ({ parsedInput: { tenant, id, parameters }, ctx }) => {
    const queued = await queueTaskRun(
      ctx.scope,
      id,
      { type: 'user', id: ctx.user.id, label: ctx.user.name },
      parameters,
    )
    if (!queued.ok) {
      if ('error' in queued) throw new UserError(queued.error)
      if (queued.fields.targets) throw new UserError(queued.fields.targets)
      const errors = Object.fromEntries(
        Object.entries(queued.fields.parameters ?? {}).map(([path, e]) => [`parameters.${path}`, e]),
      )
      returnValidationErrors(runTaskNowSchema, nestErrors(errors) as never)
    }
    ctx.audit.target({ type: 'run', id: queued.runId, label: queued.runId }, { taskId: id, targets: queued.targets })
    revalidatePath(`${tasksPath(tenant)}/${id}`)
    return { runId: queued.runId }
  })
