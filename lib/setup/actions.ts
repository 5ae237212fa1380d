'use server'
import { headers } from 'next/headers'
import { actionClient, UserError } from '@/lib/action'
import { clientIp } from '@/lib/request-ip'
import { setupSchema } from '@/lib/users/schema'
import { createFirstAdmin } from './first-admin'

// The one action without a session: it only works while no system admin exists.
export const setupAction = actionClient
  .metadata({})
  .inputSchema(setupSchema)
  .action(async ({ parsedInput }) => {
    const user = await createFirstAdmin(parsedInput, { ip: clientIp(await headers()), via: 'setup page' })
    if (!user) throw new UserError('Fanout is already set up. Sign in instead.')
    return { email: user.email }
  })
