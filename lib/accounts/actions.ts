'use server'
import { returnValidationErrors } from 'next-safe-action'
import { revalidatePath } from 'next/cache'
import { tenantClient, UserError } from '@/lib/action'
import { accountNameTaken, createExecAccount, deleteExecAccount, findExecAccount, updateExecAccount } from './queries'
import { createAccountSchema, deleteAccountSchema, updateAccountSchema } from './schema'

// Execution accounts belong to the tenant's settings: tenant admins declare them.

const accountsPath = (slug: string) => `/${slug}/settings/accounts`
const taken = { name: { _errors: ['An execution account with this name exists.'] } } as never

async function accountOrThrow(scope: Parameters<typeof findExecAccount>[0], accountId: string) {
  const account = await findExecAccount(scope, accountId)
  if (!account) throw new UserError('Not found.')
  return account
}

export const createAccountAction = tenantClient
  .metadata({ permission: 'settings.manage', audit: 'account.create' })
  .inputSchema(createAccountSchema)
  .action(async ({ parsedInput: { tenant, ...fields }, ctx }) => {
    if (await accountNameTaken(ctx.scope, fields.name)) returnValidationErrors(createAccountSchema, taken)
    const { id } = await createExecAccount(ctx.scope, fields)
    ctx.audit.target({ type: 'account', id, label: fields.name }, { description: fields.description })
    revalidatePath(accountsPath(tenant))
    return { id }
  })

export const updateAccountAction = tenantClient
  .metadata({ permission: 'settings.manage', audit: 'account.update' })
  .inputSchema(updateAccountSchema)
  .action(async ({ parsedInput: { tenant, accountId, ...fields }, ctx }) => {
    const before = await accountOrThrow(ctx.scope, accountId)
    if (await accountNameTaken(ctx.scope, fields.name, accountId)) returnValidationErrors(updateAccountSchema, taken)
    await updateExecAccount(ctx.scope, before, fields)
    ctx.audit.target(
      { type: 'account', id: accountId, label: fields.name },
      { from: { name: before.name, description: before.description }, to: fields },
    )
    revalidatePath(accountsPath(tenant))
    return { id: accountId }
  })

export const deleteAccountAction = tenantClient
  .metadata({ permission: 'settings.manage', audit: 'account.delete' })
  .inputSchema(deleteAccountSchema)
  .action(async ({ parsedInput: { tenant, accountId }, ctx }) => {
    const account = await accountOrThrow(ctx.scope, accountId)
    const deleted = await deleteExecAccount(ctx.scope, account)
    if (!deleted.ok)
      throw new UserError(
        `${account.name} is still used by ${deleted.tasks.length === 1 ? 'the task' : 'the tasks'} ` +
          `${deleted.tasks.join(', ')}: choose another account in their steps first.`,
      )
    ctx.audit.target({ type: 'account', id: accountId, label: account.name }, { description: account.description })
    revalidatePath(accountsPath(tenant))
    return { id: accountId }
  })
