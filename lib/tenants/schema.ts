import { z } from 'zod'
import { nameField } from '@/lib/printable'

/** First path segments that are app routes, so no tenant may take them as its slug. */
export const reservedSlugs = new Set([
  'admin',
  'api',
  'login',
  'logout',
  'setup',
  'settings',
  'static',
  '_next',
  'health',
])

export const tenantSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'Use 1–40 lowercase letters, digits and inner hyphens.')
  .refine((s) => !reservedSlugs.has(s), 'This slug is reserved.')

export const tenantName = nameField()

export const createTenantSchema = z.object({ name: tenantName, slug: tenantSlug })

export const updateTenantSchema = z.object({
  id: z.string().min(1),
  name: tenantName,
  disabled: z.boolean(),
})
