import { z } from 'zod'
import { tenantRoles } from '@/lib/auth/permissions'
import { nameField } from '@/lib/printable'

export const email = z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address.'))
export const personName = nameField()
export const password = z.string().min(10, 'Use at least 10 characters.').max(200, 'At most 200 characters.')
export const tenantRole = z.enum(tenantRoles, 'Choose a role.')

export const setupSchema = z.object({ name: personName, email, password })

export const createUserSchema = z.object({
  name: personName,
  email,
  password,
  isSystemAdmin: z.boolean(),
})

export const updateUserSchema = z.object({
  id: z.string().min(1),
  name: personName,
  isSystemAdmin: z.boolean(),
  disabled: z.boolean(),
})

export const resetPasswordSchema = z.object({ id: z.string().min(1), password })

export const setMembershipSchema = z.object({
  userId: z.string().min(1),
  tenantId: z.string().min(1, 'Choose a tenant.'),
  role: tenantRole,
})

export const removeMembershipSchema = z.object({ userId: z.string().min(1), tenantId: z.string().min(1) })
