'use server'
import { returnValidationErrors } from 'next-safe-action'
import { revalidatePath } from 'next/cache'
import { authClient, UserError } from '@/lib/action'
import { createTenant, findTenantBySlug, updateTenant } from './queries'
import { createTenantSchema, updateTenantSchema } from './schema'

export const createTenantAction = authClient
  .metadata({ permission: 'platform.tenants', audit: 'tenant.create' })
  .inputSchema(createTenantSchema)
  .action(async ({ parsedInput, ctx }) => {
    if (await findTenantBySlug(parsedInput.slug)) {
      returnValidationErrors(createTenantSchema, { slug: { _errors: ['This slug is already taken.'] } })
    }
    const tenant = await createTenant(parsedInput)
    ctx.audit.target({ type: 'tenant', id: tenant.id, label: tenant.slug }, { name: tenant.name })
    revalidatePath('/admin')
    return tenant
  })

export const updateTenantAction = authClient
  .metadata({ permission: 'platform.tenants', audit: 'tenant.update' })
  .inputSchema(updateTenantSchema)
  .action(async ({ parsedInput, ctx }) => {
    if (!(await updateTenant(parsedInput))) throw new UserError('Not found.')
    ctx.audit.target(
      { type: 'tenant', id: parsedInput.id, label: parsedInput.name },
      { disabled: parsedInput.disabled },
    )
    revalidatePath('/admin')
    return { id: parsedInput.id }
  })
