import { z } from 'zod'
import { email, password, personName, tenantRole } from '@/lib/users/schema'

// The name and password create the account when the email is new to Fanout; for an
// existing account they are ignored (a tenant admin cannot change another account).
export const addMemberSchema = z.object({
  tenant: z.string().min(1),
  email,
  role: tenantRole,
  name: z.union([personName, z.literal('')]).optional(),
  password: z.union([password, z.literal('')]).optional(),
})

export const updateMemberSchema = z.object({
  tenant: z.string().min(1),
  membershipId: z.string().min(1),
  role: tenantRole,
})

export const removeMemberSchema = z.object({ tenant: z.string().min(1), membershipId: z.string().min(1) })
