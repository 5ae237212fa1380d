'use server'
import { returnValidationErrors } from 'next-safe-action'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { tenantClient, UserError } from '@/lib/action'
import { checkEndpoint, checkEndpoints, trustPresentedHostKey } from './check'
import { installPlatformKey } from './platform-key'
import { getProxy } from './proxy-queries'
import { sealForm } from './seal-form'
import {
  createTarget,
  deleteTarget,
  findTargetByName,
  getTarget,
  getTargetCredential,
  tasksUsingTarget,
  updateTarget,
} from './queries'
import { idSchema, idsSchema, type TargetInput, targetSchema, updateTargetSchema } from './schema'

type Ctx = { scope: Parameters<typeof getTarget>[0] }

/** Field checks shared by create and update; returns the data to store. */
async function prepare(ctx: Ctx, input: TargetInput, id?: string) {
  const schema = id ? updateTargetSchema : targetSchema
  const same = await findTargetByName(ctx.scope, input.name)
  if (same && same.id !== id) returnValidationErrors(schema, { name: { _errors: ['Another target has this name.'] } })
  if (input.proxyId && !(await getProxy(ctx.scope, input.proxyId))) {
    returnValidationErrors(schema, { proxyId: { _errors: ['Choose one of this tenant’s proxies.'] } })
  }
  return sealForm(schema, input, id ? await getTargetCredential(ctx.scope, id) : null)
}

export const createTargetAction = tenantClient
  .metadata({ permission: 'targets.write', audit: 'target.create' })
  .inputSchema(targetSchema)
  .action(async ({ parsedInput, ctx }) => {
    const { data, credential } = await prepare(ctx, parsedInput)
    const target = await createTarget(ctx.scope, data, credential)
    ctx.audit.target(
      { type: 'target', id: target.id, label: target.name },
      { host: data.host, port: data.port, credential: credential.credentialType },
    )
    revalidatePath(`/${ctx.tenant.slug}/targets`)
    return { id: target.id }
  })

export const updateTargetAction = tenantClient
  .metadata({ permission: 'targets.write', audit: 'target.update' })
  .inputSchema(updateTargetSchema)
  .action(async ({ parsedInput: { id, ...input }, ctx }) => {
    if (!(await getTarget(ctx.scope, id))) throw new UserError('Not found.')
    const { data, credential } = await prepare(ctx, { ...input }, id)
    await updateTarget(ctx.scope, id, data, credential)
    ctx.audit.target(
      { type: 'target', id, label: data.name },
      { host: data.host, port: data.port, credential: credential.credentialType },
    )
    revalidatePath(`/${ctx.tenant.slug}/targets`)
    return { id }
  })

export const deleteTargetAction = tenantClient
  .metadata({ permission: 'targets.write', audit: 'target.delete' })
  .inputSchema(idSchema)
  .action(async ({ parsedInput, ctx }) => {
    const target = await getTarget(ctx.scope, parsedInput.id)
    if (!target) throw new UserError('Not found.')
    const tasks = await tasksUsingTarget(ctx.scope, target.id)
    if (tasks.length)
      throw new UserError(`${target.name} is used by ${tasks.join(', ')}. Remove it from those tasks first.`)
    await deleteTarget(ctx.scope, target.id)
    ctx.audit.target({ type: 'target', id: target.id, label: target.name })
    revalidatePath(`/${ctx.tenant.slug}/targets`)
    return { id: target.id }
  })

export const checkTargetsAction = tenantClient
  .metadata({ permission: 'targets.check' })
  .inputSchema(idsSchema)
  .action(async ({ parsedInput, ctx }) => {
    const results = await checkEndpoints(ctx.scope, 'target', parsedInput.ids)
    if (!results.length) throw new UserError('Not found.')
    revalidatePath(`/${ctx.tenant.slug}/targets`)
    return results.map((r) => ({ id: r.id, status: r.status, message: r.message }))
  })

export const trustTargetHostKeyAction = tenantClient
  .metadata({ permission: 'targets.write', audit: 'target.host_key_trusted' })
  .inputSchema(idSchema)
  .action(async ({ parsedInput, ctx }) => {
    if (!(await getTarget(ctx.scope, parsedInput.id))) throw new UserError('Not found.')
    const trusted = await trustPresentedHostKey(ctx.scope, 'target', parsedInput.id)
    if (!trusted) throw new UserError('There is no new host key to trust. Test the connection first.')
    ctx.audit.target(
      { type: 'target', id: parsedInput.id, label: trusted.name },
      { previous: trusted.previous, trusted: trusted.trusted },
    )
    const result = await checkEndpoint(ctx.scope, 'target', parsedInput.id)
    revalidatePath(`/${ctx.tenant.slug}/targets`)
    return { status: result?.status }
  })

export const installPlatformKeyAction = tenantClient
  .metadata({ permission: 'targets.write', audit: 'target.platform_key_installed' })
  .inputSchema(
    z.object({
      tenant: z.string().min(1),
      id: z.string().min(1),
      password: z.string().min(1, 'Enter the password.').max(1000),
    }),
  )
  .action(async ({ parsedInput, ctx }) => {
    const result = await installPlatformKey(ctx.scope, parsedInput.id, parsedInput.password)
    if (!result) throw new UserError('Not found.')
    if (!result.ok) throw new UserError(result.message)
    ctx.audit.target({ type: 'target', id: parsedInput.id }, { alreadyPresent: !result.installed })
    return { installed: result.installed }
  })
