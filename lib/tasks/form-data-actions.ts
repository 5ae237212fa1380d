'use server'
import { z } from 'zod'
import { listAccountChoices } from '@/lib/accounts/queries'
import { tenantClient, UserError } from '@/lib/action'
import { findScript, findScriptVersion, listScripts } from '@/lib/scripts/queries'

// Reads for the task form's script steps: which scripts there are, what a chosen version
// declares, and which execution accounts a step may run as. Only people who may save a
// task need them.

const STEP_SCRIPT_CHOICES = 50

/** Scripts whose name contains `q`, by name: the step's script choice. */
export const findStepScriptsAction = tenantClient
  .metadata({ permission: 'tasks.write' })
  .inputSchema(z.object({ tenant: z.string().min(1), q: z.string().trim().max(200).default('') }))
  .action(async ({ parsedInput, ctx }) => {
    const { rows } = await listScripts(ctx.scope, {
      q: parsedInput.q,
      page: 1,
      perPage: STEP_SCRIPT_CHOICES,
      sort: 'name',
      dir: 'asc',
      language: null,
      creator: null,
    })
    return rows.map((s) => ({ id: s.id, name: s.name, latestVersion: s.latestVersion }))
  })

/** The parameter declarations of a script's version (null: the latest), without its content. */
export const stepScriptParametersAction = tenantClient
  .metadata({ permission: 'tasks.write' })
  .inputSchema(
    z.object({
      tenant: z.string().min(1),
      scriptId: z.string().min(1),
      version: z.number().int().min(1).nullable(),
    }),
  )
  .action(async ({ parsedInput: { scriptId, version }, ctx }) => {
    const found =
      version === null
        ? (await findScript(ctx.scope, scriptId))?.current
        : await findScriptVersion(ctx.scope, scriptId, version)
    if (!found) throw new UserError('Not found.')
    return { version: found.version, parameters: found.parameters }
  })

/** The tenant's execution accounts: the choices of a script step's "Run as". */
export const stepAccountChoicesAction = tenantClient
  .metadata({ permission: 'tasks.write' })
  .inputSchema(z.object({ tenant: z.string().min(1) }))
  .action(async ({ ctx }) => listAccountChoices(ctx.scope))
