import { z } from 'zod'
import { textField } from '@/lib/printable'
import { accountNameMessage, accountNamePattern } from './name'

// What the execution-account dialogs send. No server imports.

const fields = {
  name: z.string().trim().min(1, 'Enter the user name on the hosts.').regex(accountNamePattern, accountNameMessage),
  description: textField(500).default(''),
}

const tenant = z.string().min(1)
const accountId = z.string().min(1)

export const createAccountSchema = z.object({ tenant, ...fields })
export const updateAccountSchema = z.object({ tenant, accountId, ...fields })
export const deleteAccountSchema = z.object({ tenant, accountId })

export type AccountFields = Omit<z.output<typeof createAccountSchema>, 'tenant'>
