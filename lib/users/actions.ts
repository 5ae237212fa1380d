'use server'
import { returnValidationErrors } from 'next-safe-action'
import { revalidatePath } from 'next/cache'
import { authClient, UserError } from '@/lib/action'
import {
  countActiveSystemAdmins,
  createUser,
  findUserByEmail,
  getUser,
  removeMembership,
  setMembership,
  setPassword,
  updateUser,
} from './queries'
import {
  createUserSchema,
  removeMembershipSchema,
  resetPasswordSchema,
  setMembershipSchema,
  updateUserSchema,
} from './schema'

const platformUsers = 'platform.users' as const

export const createUserAction = authClient
  .metadata({ permission: platformUsers, audit: 'user.create' })
  .inputSchema(createUserSchema)
  .action(async ({ parsedInput, ctx }) => {
    if (await findUserByEmail(parsedInput.email)) {
      returnValidationErrors(createUserSchema, { email: { _errors: ['A user with this email already exists.'] } })
    }
    const user = await createUser(parsedInput)
    ctx.audit.target({ type: 'user', id: user.id, label: user.email }, { isSystemAdmin: user.isSystemAdmin })
    revalidatePath('/admin/users')
    return { id: user.id }
  })

export const updateUserAction = authClient
  .metadata({ permission: platformUsers, audit: 'user.update' })
  .inputSchema(updateUserSchema)
  .action(async ({ parsedInput, ctx }) => {
    const before = await getUser(parsedInput.id)
    if (!before) throw new UserError('Not found.')
    const losesAdmin = before.isSystemAdmin && !before.disabled && (!parsedInput.isSystemAdmin || parsedInput.disabled)
    if (losesAdmin && parsedInput.id === ctx.user.id) {
      throw new UserError('You cannot disable yourself or remove your own system admin role.')
    }
    if (losesAdmin && (await countActiveSystemAdmins()) <= 1) {
      throw new UserError('Fanout needs at least one active system admin.')
    }
    await updateUser(parsedInput)
    ctx.audit.target(
      { type: 'user', id: before.id, label: before.email },
      { isSystemAdmin: parsedInput.isSystemAdmin, disabled: parsedInput.disabled },
    )
    revalidatePath('/admin/users')
    return { id: before.id }
  })

export const resetPasswordAction = authClient
  .metadata({ permission: platformUsers, audit: 'user.password_reset' })
  .inputSchema(resetPasswordSchema)
  .action(async ({ parsedInput, ctx }) => {
    const user = await getUser(parsedInput.id)
    if (!user || !(await setPassword(user.id, parsedInput.password))) throw new UserError('Not found.')
    ctx.audit.target({ type: 'user', id: user.id, label: user.email })
    return { id: user.id }
  })

export const setMembershipAction = authClient
  .metadata({ permission: platformUsers, audit: 'membership.set' })
  .inputSchema(setMembershipSchema)
  .action(async ({ parsedInput, ctx }) => {
    const result = await setMembership(parsedInput)
    if (!result) throw new UserError('Not found.')
    ctx.audit.target({ type: 'user', id: result.user.id, label: result.user.email }, {
      tenant: result.tenant.slug,
      role: parsedInput.role,
    })
    revalidatePath('/admin/users')
    return { userId: result.user.id }
  })

export const removeMembershipAction = authClient
  .metadata({ permission: platformUsers, audit: 'membership.remove' })
  .inputSchema(removeMembershipSchema)
  .action(async ({ parsedInput, ctx }) => {
    if (!(await removeMembership(parsedInput.userId, parsedInput.tenantId))) throw new UserError('Not found.')
    ctx.audit.target({ type: 'user', id: parsedInput.userId }, { tenantId: parsedInput.tenantId })
    revalidatePath('/admin/users')
    return { userId: parsedInput.userId }
  })
