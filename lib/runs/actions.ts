'use server'
import { returnValidationErrors } from 'next-safe-action'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { tenantClient, UserError } from '@/lib/action'
import { findScript } from '@/lib/scripts/queries'
import { flattenWithPaths, nestErrors } from '@/lib/scripts/validation-errors'
import { listLabels } from '@/lib/targets/queries'
import { decideGate } from './gates'
import { requestCancel } from './queries'
import { queueScriptRun } from './queue'
import { rerun } from './rerun'
import {
  confirmRunSchema,
  outputSearchSchema,
  rerunSchema,
  runIdSchema,
  startScriptRunSchema,
  targetSearchSchema,
} from './schema'
import { searchRunOutput } from './search-output'
import { searchTargets } from './targets'

const shape = { handleValidationErrorsShape: flattenWithPaths }

/** What the "Run this script" dialog needs when it opens: the latest version's parameters and the labels. */
export const prepareScriptRunAction = tenantClient
  .metadata({ permission: 'runs.start' })
  .inputSchema(z.object({ tenant: z.string().min(1), scriptId: z.string().min(1) }))
  .action(async ({ parsedInput, ctx }) => {
    const script = await findScript(ctx.scope, parsedInput.scriptId)
    if (!script) throw new UserError('Not found.')
    return {
      name: script.name,
      version: script.latestVersion,
      parameters: script.current.parameters,
      labels: await listLabels(ctx.scope),
    }
  })

export const searchRunTargetsAction = tenantClient
  .metadata({ permission: 'runs.start' })
  .inputSchema(targetSearchSchema)
  .action(async ({ parsedInput, ctx }) => searchTargets(ctx.scope, parsedInput.q))

export const startScriptRunAction = tenantClient
  .metadata({ permission: 'runs.start', audit: 'run.start' })
  .inputSchema(startScriptRunSchema, shape)
  .action(async ({ parsedInput: { tenant, ...selection }, ctx }) => {
    const queued = await queueScriptRun(ctx.scope, selection, { type: 'user', id: ctx.user.id, label: ctx.user.name })
    if (!queued.ok) {
      if ('error' in queued) throw new UserError(queued.error)
      const { parameters = {}, targets } = queued.fields
      const errors = Object.fromEntries(Object.entries(parameters).map(([name, e]) => [`parameters.${name}`, e]))
      returnValidationErrors(
        startScriptRunSchema,
        nestErrors(targets ? { ...errors, targetIds: targets } : errors) as never,
      )
    }
    ctx.audit.target(
      { type: 'run', id: queued.runId, label: queued.runId },
      { scriptId: selection.scriptId, targets: queued.targets },
    )
    revalidatePath(`/${tenant}/runs`)
    return { runId: queued.runId }
  })

export const cancelRunAction = tenantClient
  .metadata({ permission: 'runs.cancel', audit: 'run.cancel' })
  .inputSchema(runIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    const outcome = await requestCancel(ctx.scope, parsedInput.id, {
      type: 'user',
      id: ctx.user.id,
      label: ctx.user.name,
    })
    if (outcome === 'not_found') throw new UserError('Not found.')
    if (outcome === 'finished') throw new UserError('This run has already finished.')
    ctx.audit.target({ type: 'run', id: parsedInput.id, label: parsedInput.id })
    revalidatePath(`/${parsedInput.tenant}/runs/${parsedInput.id}`)
    return { outcome }
  })

/** Continue or Abort on a run waiting at a confirmation; who decided and their comment are recorded. */
export const confirmRunAction = tenantClient
  .metadata({ permission: 'runs.start', audit: 'run.confirm' })
  .inputSchema(confirmRunSchema)
  .action(async ({ parsedInput: { tenant, id, decision, comment }, ctx }) => {
    const actor = { type: 'user' as const, id: ctx.user.id, label: ctx.user.name }
    const decided = await decideGate(ctx.scope, id, { decision, comment, actor })
    if (!decided.ok)
      throw new UserError(
        decided.error === 'not_found' ? 'Not found.' : 'This run is no longer waiting for a confirmation.',
      )
    ctx.audit.target({ type: 'run', id, label: id }, { decision, comment: comment || null })
    revalidatePath(`/${tenant}/runs`)
    return { status: decided.status }
  })

export const rerunAction = tenantClient
  .metadata({ permission: 'runs.start', audit: 'run.start' })
  .inputSchema(rerunSchema)
  .action(async ({ parsedInput: { tenant, id, only }, ctx }) => {
    const queued = await rerun(ctx.scope, id, only, { type: 'user', id: ctx.user.id, label: ctx.user.name })
    if (!queued.ok) throw new UserError(queued.error)
    ctx.audit.target(
      { type: 'run', id: queued.runId, label: queued.runId },
      { rerunOf: id, only, targets: queued.targets },
    )
    revalidatePath(`/${tenant}/runs`)
    return { runId: queued.runId, taskId: queued.taskId }
  })

/** The run page's output search: the target-runs whose output contains the text. */
export const searchRunOutputAction = tenantClient
  .metadata({ permission: 'runs.read' })
  .inputSchema(outputSearchSchema)
  .action(async ({ parsedInput, ctx }) => ({
    targetRunIds: await searchRunOutput(ctx.scope, parsedInput.id, parsedInput.q),
  }))
