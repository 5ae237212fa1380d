import 'server-only'
import type { Config } from '@/lib/config'
import { setupSchema } from '@/lib/users/schema'
import { createFirstAdmin } from './first-admin'

/** FANOUT_ADMIN_EMAIL + FANOUT_ADMIN_PASSWORD do what the setup page does, unattended. */
export async function ensureAdminFromEnvironment(
  config: Pick<Config, 'FANOUT_ADMIN_EMAIL' | 'FANOUT_ADMIN_PASSWORD' | 'FANOUT_ADMIN_NAME'>,
) {
  if (!config.FANOUT_ADMIN_EMAIL || !config.FANOUT_ADMIN_PASSWORD) return
  const input = setupSchema.parse({
    name: config.FANOUT_ADMIN_NAME ?? 'Administrator',
    email: config.FANOUT_ADMIN_EMAIL,
    password: config.FANOUT_ADMIN_PASSWORD,
  })
  const user = await createFirstAdmin(input, { ip: null, via: 'environment' })
  if (user) console.log(`[fanout] created the first system admin ${user.email} from the environment`)
}
