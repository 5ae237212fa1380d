'use server'
import { returnValidationErrors } from 'next-safe-action'
import { revalidatePath } from 'next/cache'
import { tenantClient, UserError } from '@/lib/action'
import type { Scope } from '@/lib/auth/tenant-access'
import { blockedMessage, type DangerMatch } from '@/lib/danger-rules/check'
import { checkContent } from '@/lib/danger-rules/queries'
import { deleteScript, findScriptVersion } from './queries'
import { createScript, restoreScriptVersion, type SaveResult, updateScript } from './save'
import { createScriptSchema, deleteScriptSchema, restoreVersionSchema, updateScriptSchema } from './schema'
import { flattenWithPaths } from './validation-errors'

/** A save either happened, or waits for the user to confirm the warn-rule matches listed. */
export type SaveOutcome =
  | { status: 'saved'; scriptId: string; version: number; versionCreated: boolean }
  | { status: 'confirm'; warnings: DangerMatch[] }

const shape = { handleValidationErrorsShape: flattenWithPaths }
const scriptsPath = (slug: string) => `/${slug}/scripts`

/** Block rules refuse the save (as an error on the content); warn rules need acknowledgeWarnings. */
async function dangerCheck(scope: Scope, content: string, acknowledged: boolean) {
  const { blocked, warnings } = await checkContent(scope, content)
  return { blocked, confirm: !acknowledged && warnings.length > 0 ? warnings : null }
}

function refuse(result: Exclude<SaveResult, { ok: true }>): never {
  if (result.reason === 'not_found') throw new UserError('Not found.')
  if (result.reason === 'conflict') {
    throw new UserError(
      `Someone saved version ${result.latestVersion} while you were editing. Reload the page to see it; copy your changes first.`,
    )
  }
  returnValidationErrors(createScriptSchema, { name: { _errors: ['A script with this name already exists.'] } })
}

export const createScriptAction = tenantClient
  .metadata({ permission: 'scripts.write', audit: 'script.create' })
  .inputSchema(createScriptSchema, shape)
  .action(async ({ parsedInput: { tenant, acknowledgeWarnings, ...fields }, ctx }): Promise<SaveOutcome> => {
    const check = await dangerCheck(ctx.scope, fields.content, acknowledgeWarnings)
    if (check.blocked.length)
      returnValidationErrors(createScriptSchema, { content: { _errors: [blockedMessage(check.blocked)] } })
    if (check.confirm) return { status: 'confirm', warnings: check.confirm }
    const result = await createScript(ctx.scope, fields)
    if (!result.ok) refuse(result)
    ctx.audit.target(
      { type: 'script', id: result.scriptId, label: fields.name },
      { version: 1, sha256: result.sha256, language: fields.language, acknowledgedWarnings: acknowledgeWarnings },
    )
    revalidatePath(scriptsPath(tenant))
    return { status: 'saved', scriptId: result.scriptId, version: 1, versionCreated: true }
  })

export const updateScriptAction = tenantClient
  .metadata({ permission: 'scripts.write', audit: 'script.update' })
  .inputSchema(updateScriptSchema, shape)
  .action(
    async ({
      parsedInput: { tenant, scriptId, baseVersion, acknowledgeWarnings, ...fields },
      ctx,
    }): Promise<SaveOutcome> => {
      const check = await dangerCheck(ctx.scope, fields.content, acknowledgeWarnings)
      if (check.blocked.length)
        returnValidationErrors(updateScriptSchema, { content: { _errors: [blockedMessage(check.blocked)] } })
      if (check.confirm) return { status: 'confirm', warnings: check.confirm }
      const result = await updateScript(ctx.scope, scriptId, baseVersion, fields)
      if (!result.ok) refuse(result)
      ctx.audit.target(
        { type: 'script', id: scriptId, label: fields.name },
        {
          version: result.version,
          versionCreated: result.versionCreated,
          sha256: result.sha256,
          acknowledgedWarnings: acknowledgeWarnings,
        },
      )
      revalidatePath(scriptsPath(tenant), 'layout')
      return { status: 'saved', scriptId, version: result.version, versionCreated: result.versionCreated }
    },
  )

export const restoreScriptVersionAction = tenantClient
  .metadata({ permission: 'scripts.write', audit: 'script.restore' })
  .inputSchema(restoreVersionSchema, shape)
  .action(
    async ({
      parsedInput: { tenant, scriptId, version, baseVersion, message, acknowledgeWarnings },
      ctx,
    }): Promise<SaveOutcome> => {
      const old = await findScriptVersion(ctx.scope, scriptId, version)
      if (!old) throw new UserError('Not found.')
      // Rules may have changed since that version was saved: it is checked like a new save.
      const check = await dangerCheck(ctx.scope, old.content, acknowledgeWarnings)
      if (check.blocked.length) throw new UserError(blockedMessage(check.blocked))
      if (check.confirm) return { status: 'confirm', warnings: check.confirm }
      const result = await restoreScriptVersion(ctx.scope, scriptId, version, baseVersion, message)
      if (!result.ok) refuse(result)
      if (!result.versionCreated)
        throw new UserError(`The latest version already has the content and parameters of version ${version}.`)
      ctx.audit.target(
        { type: 'script', id: scriptId },
        { restored: version, version: result.version, sha256: result.sha256 },
      )
      revalidatePath(scriptsPath(tenant), 'layout')
      return { status: 'saved', scriptId, version: result.version, versionCreated: true }
    },
  )

export const deleteScriptAction = tenantClient
  .metadata({ permission: 'scripts.write', audit: 'script.delete' })
  .inputSchema(deleteScriptSchema)
  .action(async ({ parsedInput: { tenant, scriptId }, ctx }) => {
    const result = await deleteScript(ctx.scope, scriptId)
    if (!result.ok && result.reason === 'not_found') throw new UserError('Not found.')
    if (!result.ok && result.reason === 'in_use') {
      const names = result.tasks.map((t) => `“${t.name}”`).join(', ')
      throw new UserError(
        `“${result.name}” is used by ${result.tasks.length === 1 ? 'the task' : 'the tasks'} ${names}. Remove it from them first.`,
      )
    }
    ctx.audit.target({ type: 'script', id: scriptId, label: result.ok ? result.name : null })
    revalidatePath(scriptsPath(tenant))
    return { scriptId }
  })
