'use server'
import { returnValidationErrors } from 'next-safe-action'
import { revalidatePath } from 'next/cache'
import { tenantClient, UserError } from '@/lib/action'
import { addMember, findMember, removeMember, updateMemberRole } from './queries'
import { addMemberSchema, removeMemberSchema, updateMemberSchema } from './schema'

export const addMemberAction = tenantClient
  .metadata({ permission: 'members.manage', audit: 'member.add' })
  .inputSchema(addMemberSchema)
  .action(async ({ parsedInput, ctx }) => {
    const result = await addMember(ctx.scope, parsedInput)
    if (!result.ok) returnValidationErrors(addMemberSchema, { [result.field]: { _errors: [result.message] } })
    ctx.audit.target({ type: 'user', id: result.userId, label: parsedInput.email }, {
      role: parsedInput.role,
      createdAccount: result.created,
    })
    revalidatePath(`/${ctx.tenant.slug}/settings`)
    return { membershipId: result.membershipId }
  })

async function memberOrThrow(scope: Parameters<typeof findMember>[0], membershipId: string, selfId: string) {
  const member = await findMember(scope, membershipId)
  if (!member) throw new UserError('Not found.')
  if (member.user.id === selfId) throw new UserError('You cannot change or remove your own membership.')
  return member
}

export const updateMemberAction = tenantClient
  .metadata({ permission: 'members.manage', audit: 'member.update' })
  .inputSchema(updateMemberSchema)
  .action(async ({ parsedInput, ctx }) => {
    const member = await memberOrThrow(ctx.scope, parsedInput.membershipId, ctx.user.id)
    await updateMemberRole(ctx.scope, member.id, parsedInput.role)
    ctx.audit.target({ type: 'user', id: member.user.id, label: member.user.email }, {
      from: member.role,
      to: parsedInput.role,
    })
    revalidatePath(`/${ctx.tenant.slug}/settings`)
    return { membershipId: member.id }
  })

export const removeMemberAction = tenantClient
  .metadata({ permission: 'members.manage', audit: 'member.remove' })
  .inputSchema(removeMemberSchema)
  .action(async ({ parsedInput, ctx }) => {
    const member = await memberOrThrow(ctx.scope, parsedInput.membershipId, ctx.user.id)
    await removeMember(ctx.scope, member.id)
    ctx.audit.target({ type: 'user', id: member.user.id, label: member.user.email }, { role: member.role })
    revalidatePath(`/${ctx.tenant.slug}/settings`)
    return { membershipId: member.id }
  })
