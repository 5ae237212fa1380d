import { z } from 'zod'
import { nameField } from '@/lib/printable'

// The API token form's fields. No server imports: the settings dialog shares them.

/** read: every GET; run: also start runs (it implies read). */
export const tokenScopes = ['read', 'run'] as const
export type TokenScope = (typeof tokenScopes)[number]

export const tokenScopeLabels: Record<TokenScope, string> = {
  read: 'Read: tasks, runs, output, scripts, targets',
  run: 'Run: read, and start tasks and scripts',
}

const tenant = z.string().min(1)

export const createTokenSchema = z.object({
  tenant,
  name: nameField(100, 'Name the token after what uses it.'),
  scope: z.enum(tokenScopes, 'Choose read or run.'),
  /** A UTC day (YYYY-MM-DD); the token stops working at its end. Empty: never expires. */
  expiresOn: z
    .union([z.literal(''), z.iso.date('Enter a date.')])
    .default('')
    .refine((day) => !day || new Date(`${day}T23:59:59.999Z`).getTime() > Date.now(), 'Pick a day from today on.'),
})

export const revokeTokenSchema = z.object({ tenant, tokenId: z.string().min(1) })

export type CreateTokenInput = Omit<z.output<typeof createTokenSchema>, 'tenant'>
